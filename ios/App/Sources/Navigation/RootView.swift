// What the store's state allows (the port of MainActivity's AppRoot and RuhuNavHost's start):
// a wait while it opens, the unreadable notice, enrollment when this phone is not enrolled or was
// revoked, otherwise the tabs.
import RuhuCore
import RuhuViewModels
import SwiftUI

struct RootView: View {
    let app: AppModel

    var body: some View {
        switch app.store.state {
        case .opening:
            ProgressView(L("loading"))
        case .unreadable(let why):
            StoreUnreadableView(reason: Self.reason(why))
        case .open(let store, let enrolled):
            if !enrolled || app.revokedNoticePending {
                NavigationStack {
                    Hosted({
                        EnrollmentViewModel(core: store, deviceLabel: DeviceLabel.current,
                                            revoked: app.revokedNoticePending)
                    }) { model in
                        EnrollmentView(model: model, onDone: { app.enrolled() })
                    }
                }
                .id(ObjectIdentifier(store))
            } else {
                MainTabs(app: app, store: store)
                    .id(ObjectIdentifier(store))
            }
        }
    }

    private static func reason(_ why: StoreUnreadableReason) -> String {
        switch why {
        case .keyLost: return L("store_unreadable_key_lost")
        case .locked: return L("store_unreadable_locked")
        case .badKeyOrDamaged: return L("store_unreadable_damaged")
        case .newerVersion: return L("store_unreadable_newer_version")
        case .other: return L("store_unreadable_other")
        }
    }
}

/// How the county's device list names this phone: the maker and the model identifier
/// (e.g. "Apple iPhone15,2"), nothing personal (never the phone's name).
enum DeviceLabel {
    static var current: String {
        var info = utsname()
        uname(&info)
        let machine = withUnsafeBytes(of: &info.machine) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return "Apple \(machine)".trimmingCharacters(in: .whitespaces)
    }
}
