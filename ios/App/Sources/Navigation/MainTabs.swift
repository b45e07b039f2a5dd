// The enrolled app (the port of the Android app's RuhuNavHost): a TabView of 我的走访 / 住户 /
// 同步 / 设置, each tab a NavigationStack whose destinations (Route) are made here, each with its
// view model on the one open store; the screens only render and send actions. A handover file
// the app was opened with gets its preview as a sheet.
import RuhuCore
import RuhuViewModels
import SwiftUI

struct MainTabs: View {
    let app: AppModel
    let store: RuhuStore

    @State private var router = Router()

    var body: some View {
        TabView(selection: $router.tab) {
            stack(.home) {
                Hosted({ [router] in
                    let model = HomeViewModel(core: store)
                    model.navigate = { destination in
                        switch destination {
                        case .reportEmergency: router.push(.emergency)
                        case .household(let id): router.push(.household(id: id))
                        }
                    }
                    return model
                }) { model in
                    HomeView(model: model).onReturn { model.send(.refresh) }
                }
            }
            .tabItem { Label(L("nav_home"), systemImage: "list.bullet.clipboard") }
            .tag(AppTab.home)

            stack(.households) {
                Hosted({ HouseholdsViewModel(core: store) }) { model in
                    HouseholdsView(model: model) { router.push(.household(id: $0)) }
                        .onReturn { model.send(.refresh) }
                        .toolbar {
                            ToolbarItem(placement: .primaryAction) {
                                Button(L("hf_title_new")) { router.push(Route.newHousehold()) }
                                    .accessibilityLabel(L("hf_title_new"))
                            }
                        }
                }
            }
            .tabItem { Label(L("nav_households"), systemImage: "house") }
            .tag(AppTab.households)

            stack(.sync) {
                Hosted({ SyncViewModel(core: store, runner: app.syncRunner(for: store)) }) { model in
                    SyncView(model: model)
                }
            }
            .tabItem { Label(L("nav_sync"), systemImage: "arrow.triangle.2.circlepath") }
            .tag(AppTab.sync)

            stack(.settings) {
                Hosted({ SettingsViewModel(core: store, store: app.settings, version: Self.version) }) { model in
                    SettingsView(model: model)
                        // The whole app follows 长辈版 at once; the view model has kept it.
                        .onChange(of: model.state.elderMode) { _, on in app.elderModeChanged(on) }
                        // The core has emptied the store: the app removes the files and the key,
                        // and the new empty store's state goes back to enrollment.
                        .onChange(of: model.state.leaving) { _, leaving in
                            if leaving == .left { Task { await app.leftCounty() } }
                        }
                }
            }
            .tabItem { Label(L("nav_settings"), systemImage: "gearshape") }
            .tag(AppTab.settings)
        }
        .sheet(item: Binding(get: { app.receivedBundle }, set: { app.receivedBundle = $0 })) { received in
            NavigationStack {
                Hosted({
                    let model = HandoverViewModel(core: store)
                    model.send(.received(received.bytes))
                    return model
                }) { model in
                    HandoverView(model: model, onShare: { _ in }, onDone: { app.receivedBundle = nil })
                }
            }
            .elderMode(app.elderMode)
        }
        .alert(L("handover_unreadable"), isPresented: Binding(get: { app.receivedUnreadable },
                                                             set: { app.receivedUnreadable = $0 })) {
            Button(L("common_ok"), role: .cancel) {}
        }
    }

    /// One tab's stack: its root and every destination pushed on it.
    private func stack<Root: View>(_ tab: AppTab, @ViewBuilder root: () -> Root) -> some View {
        NavigationStack(path: Binding(get: { router.path(tab) }, set: { router.setPath($0, for: tab) })) {
            root().navigationDestination(for: Route.self) { route in
                Destination(route: route, store: store, router: router, locator: app.locator)
            }
        }
    }

    private static var version: String {
        Bundle.main.object(forInfoDictionaryKey: "CFBundleShortVersionString") as? String ?? ""
    }
}

/// A pushed destination with its view model.
private struct Destination: View {
    let route: Route
    let store: RuhuStore
    let router: Router
    let locator: OneFix

    var body: some View {
        switch route {
        case .household(let id):
            Hosted({ HouseholdViewModel(core: store, householdId: id) }) { model in
                HouseholdView(model: model, actions: HouseholdActions(
                    onEdit: { router.push(.editHousehold(id)) },
                    onPhoto: { router.push(.photo(target: .household(householdId: id), householdId: id, retakeOf: nil)) },
                    onSign: { router.push(.signature(target: .household(householdId: id))) },
                    onHandover: { router.push(.handover(documentIds: [id], label: "household")) },
                    onEmergency: { router.push(.emergency) },
                    onConflicts: { router.push(.conflicts(documentId: id)) },
                    onRetake: { photo in router.push(.photo(target: photo.target, householdId: id, retakeOf: photo.photoId)) },
                    onOpenCase: { router.push(.caseDetail(id: $0)) }
                ))
                .onReturn { model.send(.refresh) }
            }

        case .householdForm(let formKey, let householdId):
            Hosted({ HouseholdFormViewModel(core: store, formKey: formKey, householdId: householdId) }) { model in
                HouseholdFormView(model: model, locate: { await locator.fix() })
                    .onChange(of: model.state.saved) { _, saved in
                        guard saved else { return }
                        // A new household opens its screen; an edit goes back to it.
                        if householdId == nil, let id = model.state.householdId {
                            router.replaceTop(with: .household(id: id))
                        } else {
                            router.pop()
                        }
                    }
            }

        case .caseDetail(let id):
            Hosted({ CaseViewModel(core: store, caseId: id) }) { model in
                CaseView(model: model,
                         onOpenConflicts: { router.push(.conflicts(documentId: id)) },
                         onSign: { router.push(.signature(target: .case(caseId: id))) },
                         onPhoto: { householdId in
                             router.push(.photo(target: .case(caseId: id), householdId: householdId, retakeOf: nil))
                         })
                    .onReturn { model.send(.refresh) }
            }

        case .photo(let target, let householdId, let retakeOf):
            if let retakeOf {
                Hosted({ RetakesViewModel(core: store) }) { model in
                    RetakeView(model: model, photoId: retakeOf, onDone: { router.pop() })
                }
            } else {
                Hosted({
                    PhotoCaptureViewModel(core: store, target: target, householdId: householdId,
                                          kind: Self.kinds(for: target)[0])
                }) { model in
                    PhotoCaptureView(model: model, kinds: Self.kinds(for: target), onDone: { router.pop() })
                }
            }

        case .signature(let target):
            Hosted({ SignatureViewModel(core: store, target: target) }) { model in
                SignatureView(model: model, onDone: { router.pop() })
            }

        case .conflicts(let documentId):
            Hosted({ ConflictsViewModel(core: store, documentId: documentId) }) { model in
                ConflictsView(model: model, onDone: { router.pop() })
            }

        case .emergency:
            Hosted({ EmergencyViewModel(core: store) }) { model in
                EmergencyView(model: model, onClose: { caseId in
                    if let caseId {
                        router.replaceTop(with: .caseDetail(id: caseId))
                    } else {
                        router.pop()
                    }
                })
            }

        case .handover(let documentIds, let label):
            Hosted({
                let model = HandoverViewModel(core: store)
                model.send(.export(documentIds: documentIds, label: label))
                return model
            }) { model in
                HandoverExport(model: model, onDone: { router.pop() })
            }
        }
    }

    private static func kinds(for target: PhotoTarget) -> [PhotoKind] {
        switch target {
        case .household: return householdPhotoKinds
        case .case: return casePhotoKinds
        }
    }
}

/// Sending a bundle: the handover screen, and the share sheet over a temporary file that is
/// deleted when the sheet closes.
private struct HandoverExport: View {
    let model: HandoverViewModel
    let onDone: () -> Void

    @State private var file: SharedFile?
    @State private var failed = false

    var body: some View {
        HandoverView(model: model, onShare: { exported in
            if let url = HandoverFiles.write(exported.bytes, fileName: exported.fileName) {
                file = SharedFile(url: url)
            } else {
                failed = true
            }
        }, onDone: onDone)
        .sheet(item: $file) { shared in
            ShareSheet(file: shared.url) {
                file = nil
                model.send(.exportShared)
            }
        }
        .alert(L("handover_failed"), isPresented: $failed) {
            Button(L("common_ok"), role: .cancel) {}
        }
    }
}

/// A file handed to the share sheet.
private struct SharedFile: Identifiable {
    let url: URL
    var id: URL { url }
}

/// Runs `action` when the view appears again (back from a destination), not the first time
/// (the view model reads at its start).
private struct OnReturn: ViewModifier {
    let action: () -> Void
    @State private var appeared = false

    func body(content: Content) -> some View {
        content.onAppear {
            if appeared { action() } else { appeared = true }
        }
    }
}

extension View {
    func onReturn(_ action: @escaping () -> Void) -> some View { modifier(OnReturn(action: action)) }
}
