#!/usr/bin/env python3
"""Each rule of ios/check_app.py fails on a small bad input and passes a good one.

  python3 ios/check_app_test.py
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_app  # noqa: E402

TABLE = '''/* header */
"nav_home" = "我的走访";
"handover_preview" = "文件里有%1$lld份资料";
"handover_imported" = "已导入：新增%1$lld份，更新%2$lld份，冲突%3$lld处";
"with_quote" = "说\\"好\\"";
'''

PROJECT = '''
targets:
  Ruhu:
    info:
      properties:
        NSCameraUsageDescription: 入户需要使用相机
        BGTaskSchedulerPermittedIdentifiers:
          - app.ruhu.sync.refresh
          - app.ruhu.sync.processing
        UIBackgroundModes: [fetch, processing]
        CFBundleDocumentTypes:
          - CFBundleTypeName: x
'''


class Keys(unittest.TestCase):
    def run_rule(self, swift):
        return check_app.check_keys({"A.swift": swift}, TABLE)

    def test_known_keys_pass(self):
        self.assertEqual(self.run_rule('Text(L("nav_home"))\nText(L("handover_preview", count))'), [])

    def test_unknown_key_fails(self):
        problems = self.run_rule('Text(L("nav_hom"))')
        self.assertEqual(len(problems), 1)
        self.assertIn("nav_hom", problems[0])

    def test_non_literal_key_fails(self):
        self.assertEqual(len(self.run_rule('let k = "nav_home"\nText(L(k))')), 1)

    def test_interpolated_key_fails(self):
        self.assertEqual(len(self.run_rule('Text(L("nav_\\(x)"))')), 1)

    def test_argument_count_must_match(self):
        self.assertEqual(len(self.run_rule('Text(L("handover_preview"))')), 1)
        self.assertEqual(len(self.run_rule('Text(L("handover_imported", a, b))')), 1)
        self.assertEqual(self.run_rule('Text(L("handover_imported", f(a, b), b, c))'), [])

    def test_key_in_a_comment_is_not_a_use(self):
        self.assertEqual(self.run_rule('// Text(L("missing"))\n/* L("gone") */'), [])

    def test_escaped_table_entries_parse(self):
        self.assertIn("with_quote", check_app.parse_table(TABLE))


class Chinese(unittest.TestCase):
    def run_rule(self, swift):
        return check_app.check_chinese({"A.swift": swift})

    def test_chinese_literal_fails(self):
        problems = self.run_rule('Text("我的走访")')
        self.assertEqual(len(problems), 1)
        self.assertIn("A.swift:1", problems[0])

    def test_chinese_in_multiline_and_raw_literals_fails(self):
        self.assertEqual(len(self.run_rule('let a = """\n同步\n"""\nlet b = #"设置"#')), 2)

    def test_chinese_in_comments_passes(self):
        self.assertEqual(self.run_rule('// 我的走访\n/* 住户 */\nText(L("nav_home"))\nlet s = "ok"'), [])


class Views(unittest.TestCase):
    METHODS = check_app.core_methods({
        "SyncCore.swift": "public protocol SyncCore: AnyObject {\n"
                          "    func sync(listener: SyncListener?) throws -> SyncReport\n"
                          "    func photoUploadsPending() throws -> PhotoQueue\n}\n"
    })

    def run_rule(self, swift):
        return check_app.check_views({"Screens/X/XView.swift": swift}, self.METHODS)

    def test_protocol_methods_are_read(self):
        self.assertEqual(self.METHODS, {"sync", "photoUploadsPending"})

    def test_try_fails(self):
        self.assertEqual(len(self.run_rule("let x = try? model.load()")), 1)

    def test_store_fails(self):
        self.assertEqual(len(self.run_rule("let s: RuhuStore")), 1)

    def test_core_function_fails(self):
        self.assertEqual(len(self.run_rule('let x = RuhuCore.parseAmount(field: "a", text: b)')), 1)

    def test_core_method_call_fails(self):
        self.assertEqual(len(self.run_rule("Button(L(\"a\")) { store.photoUploadsPending() }")), 1)

    def test_bare_and_optional_receiver_calls_fail(self):
        self.assertEqual(len(self.run_rule("let q = photoUploadsPending()")), 1)
        self.assertEqual(len(self.run_rule("let q = store?.photoUploadsPending()")), 1)
        self.assertEqual(len(self.run_rule("let q = stores[0].sync(listener: nil)")), 1)

    def test_action_named_like_a_method_passes(self):
        self.assertEqual(self.run_rule("model.send(.sync(listener: nil))\nlet a: Action = .photoUploadsPending()"), [])

    def test_rendering_and_sending_passes(self):
        swift = (
            "// try nothing here: RuhuStore is the view model's\n"
            "Text(model.state.pendingPhotos.description)\n"
            "Button(L(\"sync_now\")) { model.send(.start) }\n"
            "let retry = \"try\"\n"
        )
        self.assertEqual(self.run_rule(swift), [])


class Accessibility(unittest.TestCase):
    def run_rule(self, swift):
        return check_app.check_a11y({"Screens/X/XView.swift": swift})

    def test_image_only_button_without_label_fails(self):
        swift = 'Button { model.send(.close) } label: {\n    Image(systemName: "xmark")\n}\n.padding()\n'
        self.assertEqual(len(self.run_rule(swift)), 1)

    def test_image_only_button_with_label_passes(self):
        swift = ('Button { model.send(.close) } label: {\n    Image(systemName: "xmark")\n}\n'
                 '.padding()\n.accessibilityLabel(L("common_close"))\n')
        self.assertEqual(self.run_rule(swift), [])

    def test_image_labelled_inside_passes(self):
        swift = 'Button(action: { go() }) { Image(systemName: "xmark").accessibilityLabel(L("x")) }'
        self.assertEqual(self.run_rule(swift), [])

    def test_button_with_text_passes(self):
        swift = ('Button(action: { go() }) { HStack { Image(systemName: "camera"); Text(L("photo_take")) } }\n'
                 'Button(L("photo_take")) { go() }\n'
                 'Button { go() } label: { Label(L("photo_take"), systemImage: "camera") }\n')
        self.assertEqual(self.run_rule(swift), [])

    def test_image_only_toggle_fails(self):
        swift = 'Toggle(isOn: $on) { Image(systemName: "textformat.size") }'
        self.assertEqual(len(self.run_rule(swift)), 1)

    def test_tap_gesture_needs_label(self):
        bad = 'Image(uiImage: thumb)\n    .onTapGesture { model.send(.open(id)) }\n    .padding()\n'
        good = bad + '    .accessibilityLabel(L("photo_open"))\n    .accessibilityAddTraits(.isButton)\n'
        self.assertEqual(len(self.run_rule(bad)), 1)
        self.assertEqual(self.run_rule(good), [])


class Fonts(unittest.TestCase):
    def run_rule(self, swift):
        return check_app.check_fixed_fonts({"A.swift": swift})

    def test_fixed_sizes_fail(self):
        self.assertEqual(len(self.run_rule('Text("a").font(.system(size: 17))')), 1)
        self.assertEqual(len(self.run_rule('Text("a").font(.custom("PingFang SC", size: 17))')), 1)
        self.assertEqual(len(self.run_rule('let f = UIFont.systemFont(ofSize: 12)')), 1)

    def test_text_styles_pass(self):
        swift = ('Text("a").font(.body)\nText("b").font(.title3.weight(.bold))\n'
                 'Text("c").font(.custom("PingFang SC", size: 17, relativeTo: .body))\n')
        self.assertEqual(self.run_rule(swift), [])


class Permissions(unittest.TestCase):
    def run_rule(self, swift, project=PROJECT):
        return check_app.check_permissions({"A.swift": swift}, project)

    def test_camera_with_key_passes(self):
        self.assertEqual(self.run_rule("let d = AVCaptureDevice.default(for: .video)"), [])

    def test_location_without_key_fails(self):
        problems = self.run_rule("let m = CLLocationManager()")
        self.assertEqual(len(problems), 1)
        self.assertIn("NSLocationWhenInUseUsageDescription", problems[0])

    def test_empty_usage_string_fails(self):
        project = PROJECT.replace("NSCameraUsageDescription: 入户需要使用相机", "NSCameraUsageDescription:")
        self.assertEqual(len(self.run_rule("AVCaptureSession()", project)), 1)

    def test_unpermitted_task_identifier_fails(self):
        swift = 'BGTaskScheduler.shared.register(forTaskWithIdentifier: "app.ruhu.sync.nightly", using: nil) { _ in }'
        problems = self.run_rule(swift)
        self.assertEqual(len(problems), 1)
        self.assertIn("app.ruhu.sync.nightly", problems[0])

    def test_permitted_tasks_and_modes_pass(self):
        swift = ('let a = "app.ruhu.sync.refresh"; let b = "app.ruhu.sync.processing"\n'
                 "BGTaskScheduler.shared; BGAppRefreshTask; BGProcessingTask\n")
        self.assertEqual(self.run_rule(swift), [])

    def test_background_mode_missing_fails(self):
        project = PROJECT.replace("[fetch, processing]", "[fetch]")
        self.assertEqual(len(self.run_rule("BGProcessingTask", project)), 1)

    def test_document_types_needed_for_open_url(self):
        project = PROJECT.replace("CFBundleDocumentTypes:", "Other:")
        self.assertEqual(len(self.run_rule("view.onOpenURL { url in }", project)), 1)


class TheAppAsItIs(unittest.TestCase):
    def test_committed_app_passes(self):
        self.assertEqual(check_app.main(), 0)


if __name__ == "__main__":
    unittest.main()
