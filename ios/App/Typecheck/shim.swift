// Stand-ins for what Linux lacks or the stubs do not model: StoreKey (Security and CoreFoundation
// bridging, which Linux has not), with the real file's signatures, and URL's security-scoped access.
import Foundation

final class StoreKey: @unchecked Sendable {
    enum Unavailable: Error, Equatable { case locked, malformed, keychain(Int32), random(Int32) }
    static let keyBytes = 32
    init(service: String = "app.ruhu.store", account: String = "store-key.v1") {}
    func obtain() throws -> Data { Data() }
    func exists() throws -> Bool { false }
    func destroy() throws {}
}

extension URL {
    func startAccessingSecurityScopedResource() -> Bool { false }
    func stopAccessingSecurityScopedResource() {}
}
