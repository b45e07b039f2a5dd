// Handover files: a case (or household) sent to a colleague offline, as the Android app does
// (HandoverFiles.kt: the .ruhu extension, a 64 MB cap). Sending writes the core's bundle to a
// temporary file, offered through the share sheet and deleted when the sheet closes; receiving
// reads the file another app opened with us (the system's Inbox copy is deleted after).
import Foundation

enum HandoverFiles {
    /// The largest handover file read (a case with its photos stays far below).
    static let maxBytes = 64 * 1024 * 1024

    /// The handover files' folder in the temporary directory (never backed up).
    private static var folder: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("handover", isDirectory: true)
    }

    /// Writes `bytes` as `fileName` for the share sheet; nil when it cannot be written. Older
    /// files left by a killed app are removed first: they hold a family's data.
    static func write(_ bytes: Data, fileName: String) -> URL? {
        let manager = FileManager.default
        removeAll()
        do {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true,
                                        attributes: [.protectionKey: FileProtectionType.complete])
            let safeName = fileName.replacingOccurrences(of: "/", with: "-")
            let url = folder.appendingPathComponent(safeName.hasSuffix(".ruhu") ? safeName : safeName + ".ruhu")
            try bytes.write(to: url, options: [.atomic, .completeFileProtection])
            return url
        } catch {
            return nil
        }
    }

    /// Deletes a file written for the share sheet (the sheet closed, sent or not).
    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }

    /// Deletes every handover file left in the temporary folder.
    static func removeAll() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The bytes of a file opened with the app; nil when it cannot be read or exceeds `maxBytes`.
    static func read(_ url: URL) -> Data? {
        let scoped = url.startAccessingSecurityScopedResource()
        defer {
            if scoped { url.stopAccessingSecurityScopedResource() }
            removeInboxCopy(url)
        }
        guard let values = try? url.resourceValues(forKeys: [.fileSizeKey]),
              let size = values.fileSize, size <= maxBytes,
              let bytes = try? Data(contentsOf: url, options: .mappedIfSafe),
              bytes.count <= maxBytes
        else { return nil }
        return Data(bytes)
    }

    /// The copy iOS made in Documents/Inbox for us is ours to delete once read.
    private static func removeInboxCopy(_ url: URL) {
        guard let documents = FileManager.default.urls(for: .documentDirectory, in: .userDomainMask).first else { return }
        let inbox = documents.appendingPathComponent("Inbox", isDirectory: true).standardizedFileURL.path
        if url.standardizedFileURL.path.hasPrefix(inbox + "/") {
            try? FileManager.default.removeItem(at: url)
        }
    }
}
