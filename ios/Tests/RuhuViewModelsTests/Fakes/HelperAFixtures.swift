// Fictional visits, households, syncs and cases for helper A's view-model tests.
import Foundation
import RuhuCore

extension VisitTaskRecord {
    static func fixture(_ id: String, clock: ClockState = .running, urgency: Urgency = .normal,
                        dueOn: String = "2026-12-01", household: String? = nil) -> VisitTaskRecord {
        VisitTaskRecord(
            id: id, householdId: household ?? "h-\(id)", gridCode: "G01-1", headName: "户主\(id)",
            villageName: "前进村", address: "2组8号", kind: "regular", reason: "低保户每季度走访",
            urgency: urgency, createdOn: "2026-11-01", dueOn: dueOn, clock: clock
        )
    }
}

extension HouseholdSummary {
    static func fixture(_ id: String, head: String, village: String = "前进村", grid: String = "G01-1") -> HouseholdSummary {
        HouseholdSummary(
            id: id, headName: head, headIdMasked: "370599********0371", villageName: village, gridCode: grid,
            address: "3组5号", categories: ["dibao"], memberCount: 3, openCases: 0, nextDeadlineMs: nil, conflicts: 0
        )
    }
}

extension SyncReport {
    static func fixture(sent: UInt32 = 0, received: UInt32 = 0) -> SyncReport {
        SyncReport(
            roundTrips: 1, documentsSent: sent, changesSent: sent, changeBytesSent: 0, documentsReceived: received,
            bytesSent: 0, bytesReceived: 0, newConflicts: 0, photosSent: 0, photoBytesSent: 0, photosPending: 0,
            documentsRefused: 0, documentsHeldBack: 0
        )
    }
}

extension RefusedDocument {
    static func fixture(_ id: String, reason: String = "这户不在您的网格") -> RefusedDocument {
        RefusedDocument(documentId: id, kind: "household", code: "out_of_scope", reason: reason, action: .handBack, refusedAt: 1)
    }
}

/// Waits (yielding the main actor) until `condition` holds, for at most `seconds`.
@MainActor
func eventually(_ seconds: Double = 10, _ condition: () -> Bool) async -> Bool {
    let end = Date().addingTimeInterval(seconds)
    while !condition() {
        if Date() > end { return false }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return true
}
