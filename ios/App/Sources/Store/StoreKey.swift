// The store's 32-byte key: made once from the system's secure random (SecRandomCopyBytes) and
// kept in the Keychain as a generic password readable after the first unlock since boot, on this
// device only (…ThisDeviceOnly): never synced to iCloud Keychain, and never restored from a
// backup onto another phone, so a backup carries no usable key (and no store: its folder is
// excluded from backups too).
// The port of the Android app's StoreKey.kt: a key that exists is never replaced, and the store
// holder never asks for a new key while a store file exists without one (that would orphan it).
import Foundation
import Security

/// The store key in the Keychain.
final class StoreKey: @unchecked Sendable {
    /// Why the key cannot be had; the store is left as it is.
    enum Unavailable: Error, Equatable {
        /// The Keychain is not readable yet (before the first unlock since boot): try again later;
        /// never taken as "no key".
        case locked
        /// The Keychain item holds something that is not a 32-byte key.
        case malformed
        /// Another Keychain failure, by its OSStatus.
        case keychain(OSStatus)
        /// The system's secure random failed.
        case random(OSStatus)
    }

    static let keyBytes = 32

    private let service: String
    private let account: String
    private let lock = NSLock()

    init(service: String = "app.ruhu.store", account: String = "store-key.v1") {
        self.service = service
        self.account = account
    }

    /// The store key: read when it exists, otherwise made and added first.
    /// Never makes a new key while one exists.
    func obtain() throws -> Data {
        lock.lock()
        defer { lock.unlock() }
        if let key = try read() { return key }
        let key = try Self.random()
        var add = baseQuery()
        add[kSecValueData as String] = key
        add[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        add[kSecAttrLabel as String] = "Ruhu store key"
        let status = SecItemAdd(add as CFDictionary, nil)
        switch status {
        case errSecSuccess:
            return key
        case errSecDuplicateItem:
            // Added meanwhile (another process, e.g. an extension): that one is the key.
            guard let existing = try read() else { throw Unavailable.keychain(status) }
            return existing
        case errSecInteractionNotAllowed:
            throw Unavailable.locked
        default:
            throw Unavailable.keychain(status)
        }
    }

    /// Whether a key exists (the store was made on this phone before). Throws when the Keychain
    /// cannot say (locked): "cannot tell" is never taken as "no key".
    func exists() throws -> Bool {
        lock.lock()
        defer { lock.unlock() }
        var query = baseQuery()
        query[kSecReturnAttributes as String] = kCFBooleanTrue
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        let status = SecItemCopyMatching(query as CFDictionary, nil)
        switch status {
        case errSecSuccess: return true
        case errSecItemNotFound: return false
        case errSecInteractionNotAllowed: throw Unavailable.locked
        default: throw Unavailable.keychain(status)
        }
    }

    /// Forgets the key for good (leaving the county): what is left of the store can no longer be read.
    func destroy() throws {
        lock.lock()
        defer { lock.unlock() }
        let status = SecItemDelete(baseQuery() as CFDictionary)
        switch status {
        case errSecSuccess, errSecItemNotFound: return
        case errSecInteractionNotAllowed: throw Unavailable.locked
        default: throw Unavailable.keychain(status)
        }
    }

    private func read() throws -> Data? {
        var query = baseQuery()
        query[kSecReturnData as String] = kCFBooleanTrue
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var result: CFTypeRef?
        let status = SecItemCopyMatching(query as CFDictionary, &result)
        switch status {
        case errSecSuccess:
            guard let data = result as? Data, data.count == Self.keyBytes else { throw Unavailable.malformed }
            return data
        case errSecItemNotFound:
            return nil
        case errSecInteractionNotAllowed:
            throw Unavailable.locked
        default:
            throw Unavailable.keychain(status)
        }
    }

    private func baseQuery() -> [String: Any] {
        [
            kSecClass as String: kSecClassGenericPassword,
            kSecAttrService as String: service,
            kSecAttrAccount as String: account,
            // Only this device's item, never an iCloud Keychain copy.
            kSecAttrSynchronizable as String: kCFBooleanFalse as Any,
        ]
    }

    private static func random() throws -> Data {
        var bytes = [UInt8](repeating: 0, count: keyBytes)
        let status = SecRandomCopyBytes(kSecRandomDefault, keyBytes, &bytes)
        guard status == errSecSuccess else { throw Unavailable.random(status) }
        return Data(bytes)
    }
}
