// ruhu-ios-bench: the phone's figures from the Swift side, through the same view models the app
// renders, on the real core: a supervisor's phone enrolled with a demo county of 500 households
// (scripts/ios-test.sh --bench starts it and passes RUHU_COUNTY_URL and RUHU_ENROLL_CODE).
//
// Prints p50/p95/max of: the first 我的走访 data (a store opened and the home view model's
// first state with the visits listed), search as you type (every keystroke of a household
// head's name and of an ID's last digits, each answered by the household list's view model),
// and a draft field saved as typed (the household form's view model, one keystroke each).
import Foundation
import RuhuCore
import RuhuViewModels

func env(_ name: String) -> String {
    guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
        FileHandle.standardError.write(Data("\(name) is not set: run scripts/ios-test.sh --bench\n".utf8))
        exit(2)
    }
    return value
}

func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
}

func summary(_ name: String, _ samples: [Double]) {
    let sorted = samples.sorted()
    func at(_ q: Double) -> Double { sorted[Int((Double(sorted.count - 1) * q).rounded())] }
    // Chinese characters take two columns in a terminal.
    let width = name.unicodeScalars.reduce(0) { $0 + ($1.value > 0x2E80 ? 2 : 1) }
    let padded = name + String(repeating: " ", count: max(1, 44 - width))
    print(String(format: "  %@ p50 %7.2f ms   p95 %7.2f ms   max %7.2f ms   (n=%d)",
                 padded, at(0.5), at(0.95), at(1.0), sorted.count))
}

@MainActor
func run() async throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ruhu-ios-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("phone.db").path
    let key = Data((0..<32).map { UInt8(($0 * 31 + 7) % 256) })

    let store = try RuhuStore.open(path: path, key: key)
    _ = try store.enroll(serverUrl: env("RUHU_COUNTY_URL"), code: env("RUHU_ENROLL_CODE"), deviceLabel: "ruhu-ios-bench")
    let synced = DispatchTime.now()
    let report = try store.sync(listener: nil)
    print(String(format: "phone store: %d documents received at the first sync (%.0f ms, %d round trips)",
                 report.documentsReceived, milliseconds(since: synced), report.roundTrips))
    // Search answers 200 at most: page through the county's households for the typing step.
    var households: [HouseholdSummary] = []
    while true {
        let page = try store.searchHouseholds(query: HouseholdQuery(limit: 200, offset: UInt32(households.count)))
        households += page
        if page.count < 200 { break }
    }
    print("  \(households.count) households on the phone")

    try await BenchSteps.firstVisits(path: path, key: key)
    try await BenchSteps.searchAsYouType(store: store, households: households)
    try await BenchSteps.draftSaves(store: store)
}

// Top-level code runs on the main actor, as the app's view models do.
do {
    try await run()
} catch {
    FileHandle.standardError.write(Data("ruhu-ios-bench failed: \(error)\n".utf8))
    exit(1)
}
