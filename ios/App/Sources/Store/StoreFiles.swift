// Where the store lives on the phone: the encrypted store file, SQLite's journal files beside it
// and the photo vault the core keeps next to it ("<store>.photos"), all in Application
// Support/Ruhu: app-private, excluded from backups, and protected until the first unlock since
// boot (the entitlement's default, set on the folder as well).
import Foundation

/// The files of the one store of this app.
struct StoreFiles: Sendable {
    /// The folder holding the store (created on first use).
    let directory: URL

    init(directory: URL? = nil) {
        if let directory {
            self.directory = directory
        } else {
            let support = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
            self.directory = support.appendingPathComponent("Ruhu", isDirectory: true)
        }
    }

    /// The encrypted store (passed to RuhuStore.open).
    var store: URL { directory.appendingPathComponent("ruhu.store") }

    /// Every file and folder the store is made of, the store itself first.
    var all: [URL] {
        let path = store.path
        return [store] + ["-wal", "-shm", "-journal", ".photos"].map { URL(fileURLWithPath: path + $0) }
    }

    /// Whether the store file exists.
    var storeExists: Bool { FileManager.default.fileExists(atPath: store.path) }

    /// Makes the folder, protected and out of backups.
    func prepare() throws {
        try FileManager.default.createDirectory(
            at: directory,
            withIntermediateDirectories: true,
            attributes: [.protectionKey: FileProtectionType.completeUntilFirstUserAuthentication]
        )
        var url = directory
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try url.setResourceValues(values)
    }

    /// Removes the store and what lies beside it; true when nothing of it is left.
    func deleteStore() -> Bool {
        let manager = FileManager.default
        for url in all where manager.fileExists(atPath: url.path) {
            try? manager.removeItem(at: url)
        }
        return all.allSatisfy { !manager.fileExists(atPath: $0.path) }
    }
}
