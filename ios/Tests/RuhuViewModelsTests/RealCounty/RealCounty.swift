// What the real-county tests need around the view models: the demo county that
// scripts/ios-test.sh started (its URL, codes and console password in the environment), camera
// bytes it generated, fresh encrypted stores, and fictional ID numbers (FakeIds's).
import Foundation
import RuhuCore
import XCTest

enum RealCounty {
    /// A variable scripts/ios-test.sh sets; the test fails (never skips) without it.
    static func env(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw Missing(name: name)
        }
        return value
    }

    struct Missing: Error, CustomStringConvertible {
        let name: String
        var description: String { "\(name) is not set: run scripts/ios-test.sh, which starts the county" }
    }

    /// The county's base URL.
    static func url() throws -> String { try env("RUHU_COUNTY_URL") }

    /// The console's county admin, signed in.
    static func console() throws -> CountyConsole {
        try CountyConsole(base: url(), username: "admin", password: env("RUHU_ADMIN_PASSWORD"))
    }

    /// Camera bytes: one of the scenes the script drew (1 to 8), each a different JPEG.
    static func photo(_ n: Int) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: env("RUHU_PHOTOS_DIR")).appendingPathComponent("photo-\(n).jpg"))
    }

    /// A new encrypted store in a fresh folder with a random key; `again` reopens it.
    static func openStore() throws -> (store: RuhuStore, path: String, key: Data) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruhu-ios-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var key = Data(count: 32)
        for i in key.indices { key[i] = UInt8.random(in: 0...255) }
        let path = dir.appendingPathComponent("phone.db").path
        return (try RuhuStore.open(path: path, key: key), path, key)
    }

    /// The enrollment QR payload, escaped as county/src/enroll.rs's qr_payload does.
    static func qrPayload(server: String, code: String) -> String {
        let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
        let escaped = server.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }
        return "ruhu://enroll?v=1&server=\(escaped.joined())&code=\(code)"
    }

    /// A 身份证号 for a fictional person in the unassigned county 370599 (odd sequence: male).
    static func idNumber(birth: String, sequence: Int) -> String {
        FakeIds.idNumber(birth: birth, sequence: sequence)
    }
}
