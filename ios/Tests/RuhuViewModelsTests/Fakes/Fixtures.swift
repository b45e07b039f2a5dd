// Fictional people and places for the fake-core tests (the real-county tests use the demo's).
import Foundation
import RuhuCore

extension WorkerProfile {
    static func fixture(name: String = "李网格", id: String = "w-001") -> WorkerProfile {
        WorkerProfile(countyCode: "370599", workerId: id, displayName: name)
    }
}

enum FakeIds {
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]

    /// A 身份证号 for a fictional person in the unassigned county 370599, check character valid.
    static func idNumber(birth: String, sequence: Int) -> String {
        let body = "370599" + birth.replacingOccurrences(of: "-", with: "") + String(format: "%03d", sequence)
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}
