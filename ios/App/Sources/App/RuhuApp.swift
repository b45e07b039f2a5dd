// The app: opens the store once, off the main thread, at launch (AppModel → StoreHolder), shows
// what the store's state allows (a wait, the unreadable notice, enrollment, or the tabs),
// registers the background syncs before launch ends, and takes handover files other apps open
// with it (document types in project.yml; onOpenURL).
import SwiftUI
import UIKit

@main
struct RuhuApp: App {
    @UIApplicationDelegateAdaptor(AppDelegate.self) private var delegate
    @Environment(\.scenePhase) private var scenePhase
    @State private var app = AppModel.shared

    var body: some Scene {
        WindowGroup {
            RootView(app: app)
                .elderMode(app.elderMode)
                .onOpenURL { url in app.open(url: url) }
        }
        .onChange(of: scenePhase) { _, phase in
            // A store left unopened because the Keychain was locked opens once the phone is.
            if phase == .active { app.start() }
            if phase == .background { BackgroundSync.schedule() }
        }
    }
}

/// Registers the background tasks (they must be registered before launch finishes) and starts
/// opening the store.
final class AppDelegate: NSObject, UIApplicationDelegate {
    func application(
        _ application: UIApplication,
        didFinishLaunchingWithOptions launchOptions: [UIApplication.LaunchOptionsKey: Any]? = nil
    ) -> Bool {
        MainActor.assumeIsolated {
            BackgroundSync.register(app: AppModel.shared)
            AppModel.shared.start()
        }
        BackgroundSync.schedule()
        return true
    }
}
