// The app process: one store (StoreHolder), the small settings outside it, the one sync runner
// shared by the 同步 tab and the background tasks, the handover file the app was opened with,
// and what follows a revocation or leaving the county. The port of the Android app's RuhuApp,
// AppPrefs and the store parts of MainActivity.
import Foundation
import Observation
import RuhuCore
import RuhuViewModels
import UIKit

/// Everything that outlives a screen.
@MainActor
@Observable
final class AppModel {
    /// The one model of the process (the background tasks' handlers reach it too).
    static let shared = AppModel()

    /// The store and where its opening stands.
    let store: StoreHolder
    /// 长辈版, kept in UserDefaults (the settings view model writes it; the root reads it).
    @ObservationIgnored let settings: UserDefaultsSettingsStore
    /// When the last sync finished.
    @ObservationIgnored let lastSync: UserDefaultsLastSyncStore
    /// Whether 长辈版 is on now (the root applies it).
    private(set) var elderMode: Bool
    /// True after a sync found the phone revoked (the core wiped it), until enrollment's notice
    /// was seen and the phone enrolled again.
    private(set) var revokedNoticePending: Bool
    /// A handover file the app was opened with, waiting for its preview.
    var receivedBundle: ReceivedBundle?
    /// A handover file that could not be read (too large, unreadable).
    var receivedUnreadable = false
    /// One position at a time for the household form (made once: it owns a CLLocationManager).
    @ObservationIgnored let locator = OneFix()

    @ObservationIgnored private let defaults: UserDefaults
    @ObservationIgnored private var runner: InProcessSyncRunner?
    @ObservationIgnored private var runnerStore: ObjectIdentifier?
    /// The extra time iOS grants a sync the worker started when the app leaves the screen.
    @ObservationIgnored private var syncGrace: UIBackgroundTaskIdentifier = .invalid

    private static let revokedKey = "ruhu.revokedNoticePending"
    private static let elderKey = "ruhu.elderMode"
    private static let lastSyncKey = "ruhu.lastSyncAtMs"

    init(defaults: UserDefaults = .standard, files: StoreFiles = StoreFiles(), key: StoreKey = StoreKey()) {
        self.defaults = defaults
        store = StoreHolder(files: files, key: key)
        settings = UserDefaultsSettingsStore(defaults: defaults, key: Self.elderKey)
        lastSync = UserDefaultsLastSyncStore(defaults: defaults, key: Self.lastSyncKey)
        elderMode = defaults.bool(forKey: Self.elderKey)
        revokedNoticePending = defaults.bool(forKey: Self.revokedKey)
    }

    /// Opens the store (once; again after a locked Keychain) — at launch and on becoming active.
    func start() {
        store.start()
    }

    /// The one sync runner of the open store (made with it, shared by the tab and the tasks).
    func syncRunner(for open: RuhuStore) -> InProcessSyncRunner {
        if let runner, runnerStore == ObjectIdentifier(open) { return runner }
        let made = InProcessSyncRunner(core: open, lastSync: lastSync)
        made.observe { [weak self, weak made] run in
            guard let self else { return false }
            if run.problem == .revoked { self.phoneRevoked() }
            self.keepAlive(running: run.running) { made?.cancel() }
            return true
        }
        runner = made
        runnerStore = ObjectIdentifier(open)
        return made
    }

    /// One sync to its end for a background task; false when it did not finish (the task
    /// expired, no network, the store not readable). Cancelling the calling task cancels it.
    func backgroundSync() async -> Bool {
        guard let open = await store.awaitOpen() else { return false }
        guard case .open(_, let enrolled) = store.state, enrolled, !revokedNoticePending else {
            return true // nothing to sync before enrollment
        }
        let run = await syncRunner(for: open).runToEnd()
        return run.problem == nil && !Task.isCancelled
    }

    /// 长辈版 switched in settings (the settings view model has kept it).
    func elderModeChanged(_ on: Bool) {
        elderMode = on
    }

    /// Enrollment succeeded: the notice is read, the tabs follow.
    func enrolled() {
        setRevokedNotice(false)
        store.setEnrolled(true)
    }

    /// A sync found this phone revoked: the core has wiped the store and its photos as the
    /// county instructed; enrollment's revoked notice follows (also after a relaunch).
    func phoneRevoked() {
        setRevokedNotice(true)
        clearForWipe()
        store.setEnrolled(false)
    }

    /// Leaving the county (设置 → 退出本县) after the core emptied the store: stops the sync,
    /// forgets the small settings, destroys the key, deletes the files and opens a new empty
    /// store; enrollment follows.
    func leftCounty() async {
        runner?.cancel()
        runner = nil
        runnerStore = nil
        clearForWipe()
        _ = await store.wipe()
        BackgroundSync.schedule()
    }

    /// A file another app opened with us (onOpenURL): read off the main thread, size-capped, the
    /// system's Inbox copy deleted after (it holds a family's data).
    func open(url: URL) {
        Task { [weak self] in
            let bytes = await Task.detached(priority: .userInitiated) { HandoverFiles.read(url) }.value
            if let bytes {
                self?.receivedBundle = ReceivedBundle(bytes: bytes)
            } else {
                self?.receivedUnreadable = true
            }
        }
    }

    /// While a sync runs, asks iOS for the time to finish it should the app leave the screen;
    /// when that time runs out the sync is asked to stop after its round trip (nothing is lost).
    private func keepAlive(running: Bool, onExpiry: @escaping @MainActor () -> Void) {
        if running, syncGrace == .invalid {
            syncGrace = UIApplication.shared.beginBackgroundTask(withName: "ruhu.sync") { [weak self] in
                MainActor.assumeIsolated {
                    onExpiry()
                    self?.endGrace()
                }
            }
        } else if !running {
            endGrace()
        }
    }

    private func endGrace() {
        guard syncGrace != .invalid else { return }
        UIApplication.shared.endBackgroundTask(syncGrace)
        syncGrace = .invalid
    }

    private func setRevokedNotice(_ on: Bool) {
        revokedNoticePending = on
        defaults.set(on, forKey: Self.revokedKey)
    }

    /// Forgets everything but the revoked notice.
    private func clearForWipe() {
        defaults.removeObject(forKey: Self.lastSyncKey)
        defaults.removeObject(forKey: Self.elderKey)
        elderMode = false
    }
}

/// A handover file received, until its preview screen is left.
struct ReceivedBundle: Identifiable, Equatable {
    let id = UUID()
    let bytes: Data
}
