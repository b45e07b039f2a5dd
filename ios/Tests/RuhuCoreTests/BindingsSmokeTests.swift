// The generated bindings compile against the core's C header and call into the real library:
// a plain function, an error with its fields, and an encrypted store opened, reopened and
// refused with the wrong key.
import Foundation
import RuhuCore
import XCTest

final class BindingsSmokeTests: XCTestCase {
    private let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// A 身份证号 for a fictional person in the unassigned county 370599, with its check character.
    private func idNumber(birth: String, sequence: Int) -> String {
        let body = "370599" + birth.replacingOccurrences(of: "-", with: "") + String(format: "%03d", sequence)
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }

    func testCheckIdNumberReadsAValidNumberAndMasksIt() throws {
        let info = try checkIdNumber(text: idNumber(birth: "1980-04-09", sequence: 13))
        XCTAssertEqual(info.birthDate, "1980-04-09")
        XCTAssertEqual(info.sex, .male)
        XCTAssertFalse(info.masked.contains("19800409"), "masked: \(info.masked)")
    }

    func testCheckIdNumberRefusesABadCheckCharacterWithTheCoresReason() {
        var wrong = Array(idNumber(birth: "1980-04-09", sequence: 13))
        wrong[17] = wrong[17] == "1" ? "2" : "1"
        XCTAssertThrowsError(try checkIdNumber(text: String(wrong))) { error in
            guard case ApiError.InvalidInput(let problems) = error else {
                return XCTFail("expected InvalidInput, got \(error)")
            }
            XCTAssertEqual(problems.count, 1)
            XCTAssertFalse(problems[0].reason.isEmpty)
        }
    }

    func testAStoreOpensEmptyReopensAndRefusesTheWrongKey() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruhu-smoke-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("phone.db").path
        let key = Data((0..<32).map { UInt8($0 * 7 % 251) })

        let store = try RuhuStore.open(path: path, key: key)
        XCTAssertNil(try store.worker())
        try store.saveDraft(form: "household:new", field: "head_name", value: "王秀兰")
        let device = store.deviceId()
        XCTAssertFalse(device.isEmpty)

        let again = try RuhuStore.open(path: path, key: key)
        XCTAssertEqual(again.deviceId(), device)
        XCTAssertEqual(try again.draft(form: "household:new").map(\.value), ["王秀兰"])

        XCTAssertThrowsError(try RuhuStore.open(path: path, key: Data(repeating: 1, count: 32))) { error in
            XCTAssertEqual(error as? ApiError, .StoreUnreadable)
        }
        XCTAssertThrowsError(try RuhuStore.open(path: path, key: Data(repeating: 1, count: 5))) { error in
            XCTAssertEqual(error as? ApiError, .BadKey)
        }
    }
}
