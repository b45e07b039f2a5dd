// The one open store of the app process, opened once, off the main thread, when the app starts
// (RuhuApp). A store that cannot be opened is reported and left exactly as it was: no code path
// here deletes it, except the worker's own choice to leave the county (wipe()).
// The port of the Android app's StoreHolder.kt.
import Foundation
import Observation
import RuhuCore
import RuhuViewModels

/// Where opening the store stands.
enum StoreState: Sendable {
    /// Being opened.
    case opening
    /// Open: every view model's way in. `enrolled` was read off the main thread with it.
    case open(RuhuStore, enrolled: Bool)
    /// It cannot be read; the file is kept as it was.
    case unreadable(StoreUnreadableReason)
}

/// Why the store is unreadable (no personal data; shown as a fixed sentence).
enum StoreUnreadableReason: Equatable, Sendable {
    /// A store file exists but its key is gone (the Keychain item was removed).
    case keyLost
    /// The Keychain is not readable yet (the phone not unlocked since it started): opened again
    /// when the app next becomes active.
    case locked
    /// The key does not open it, or the file is damaged.
    case badKeyOrDamaged
    /// Written by a newer app version.
    case newerVersion
    /// Anything else.
    case other
}

/// Opens the store at `files` with the key from `key`, once, and hands it to whoever asks.
@MainActor
@Observable
final class StoreHolder {
    private(set) var state: StoreState = .opening

    @ObservationIgnored private let files: StoreFiles
    @ObservationIgnored private let key: StoreKey
    @ObservationIgnored private var opening: Task<Void, Never>?
    @ObservationIgnored private var wiping = false

    init(files: StoreFiles, key: StoreKey) {
        self.files = files
        self.key = key
    }

    /// Starts opening (RuhuApp at launch, and again when a locked Keychain may have opened).
    func start() {
        switch state {
        case .open: return
        case .unreadable(let why) where why != .locked: return
        default: break
        }
        guard opening == nil, !wiping else { return }
        state = .opening
        let files = self.files, key = self.key
        opening = Task { [weak self] in
            let opened = await Task.detached(priority: .userInitiated) { Self.openStore(files: files, key: key) }.value
            self?.state = opened
            self?.opening = nil
        }
    }

    /// The open store, waiting for the opening; nil when it cannot be opened (background tasks).
    func awaitOpen() async -> RuhuStore? {
        start()
        if let opening { await opening.value }
        if case .open(let store, _) = state { return store }
        return nil
    }

    /// Marks the phone enrolled (enrollment done) or not (revoked, left), for the navigation.
    func setEnrolled(_ enrolled: Bool) {
        if case .open(let store, _) = state { state = .open(store, enrolled: enrolled) }
    }

    /// Leaves the county after the core emptied the store: drops the store, destroys the key,
    /// deletes the files and opens a new empty store (enrollment follows). Returns false when a
    /// file could not be removed; the key is destroyed regardless, so what is left cannot be read.
    func wipe() async -> Bool {
        if let opening { await opening.value }
        wiping = true
        defer { wiping = false }
        weak var old: RuhuStore?
        if case .open(let store, _) = state { old = store }
        state = .opening
        // The bindings close a store when its last reference goes: let the screens (whose view
        // models hold it) and any core call under way let go first, so that the old connection
        // cannot touch the new store's files (SQLite removes its journal by name on closing).
        for _ in 0..<100 where old != nil {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let files = self.files, key = self.key
        let result = await Task.detached(priority: .userInitiated) { () -> (Bool, StoreState) in
            try? key.destroy()
            let gone = files.deleteStore()
            return (gone, Self.openStore(files: files, key: key))
        }.value
        state = result.1
        return result.0
    }

    nonisolated private static func openStore(files: StoreFiles, key: StoreKey) -> StoreState {
        do {
            // A store whose key is gone is not given a new key: that would orphan it silently.
            if files.storeExists, try !key.exists() { return .unreadable(.keyLost) }
            try files.prepare()
            let store = try RuhuStore.open(path: files.store.path, key: key.obtain())
            let enrolled = (try? store.worker()) != nil
            return .open(store, enrolled: enrolled)
        } catch StoreKey.Unavailable.locked {
            return .unreadable(.locked)
        } catch is StoreKey.Unavailable {
            return .unreadable(.keyLost)
        } catch {
            switch Problem(error) {
            case .storeUnreadable: return .unreadable(.badKeyOrDamaged)
            case .newerVersion: return .unreadable(.newerVersion)
            default: return .unreadable(.other)
            }
        }
    }
}
