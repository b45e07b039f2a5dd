// Background sync with BGTaskScheduler: a BGAppRefreshTask (short, frequent, when iOS sees fit)
// and a BGProcessingTask that needs the network (longer, typically overnight on the charger),
// both running the app's one sync runner to the end of one sync. The task's expiration handler
// cancels the awaiting task, which asks the core to stop after the round trip in flight
// (InProcessSyncRunner.runToEnd); setTaskCompleted is called once, when the run has ended;
// each handler schedules its task again first. The identifiers are in project.yml's
// BGTaskSchedulerPermittedIdentifiers (ios/check_app.py checks).
import BackgroundTasks
import Foundation
import os

enum BackgroundSync {
    static let refreshIdentifier = "app.ruhu.sync.refresh"
    static let processingIdentifier = "app.ruhu.sync.processing"

    /// How soon after the last schedule iOS may run each (it decides when, if at all).
    private static let refreshAfter: TimeInterval = 60 * 60
    private static let processingAfter: TimeInterval = 4 * 60 * 60

    private static let log = Logger(subsystem: "app.ruhu", category: "sync")

    /// Registers both handlers; called once, before launch finishes (AppDelegate).
    @MainActor
    static func register(app: AppModel) {
        for identifier in [refreshIdentifier, processingIdentifier] {
            let registered = BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { task in
                run(task, app: app)
            }
            if !registered { log.error("background task \(identifier, privacy: .public) not registered") }
        }
    }

    /// Asks for both tasks again (at launch, on leaving the foreground, after each run).
    /// A request already pending is replaced, not doubled.
    static func schedule() {
        let refresh = BGAppRefreshTaskRequest(identifier: refreshIdentifier)
        refresh.earliestBeginDate = Date(timeIntervalSinceNow: refreshAfter)
        submit(refresh)

        let processing = BGProcessingTaskRequest(identifier: processingIdentifier)
        processing.requiresNetworkConnectivity = true
        processing.requiresExternalPower = false
        processing.earliestBeginDate = Date(timeIntervalSinceNow: processingAfter)
        submit(processing)
    }

    private static func submit(_ request: BGTaskRequest) {
        do {
            try BGTaskScheduler.shared.submit(request)
        } catch {
            // .unavailable (Background App Refresh off, the simulator), .tooManyPendingTaskRequests,
            // .notPermitted (an identifier missing from Info.plist): the 同步 tab still works.
            log.error("background task \(request.identifier, privacy: .public) not scheduled: \(String(describing: error), privacy: .public)")
        }
    }

    /// One background task: one sync to its end, cancelled when the task expires.
    private static func run(_ task: BGTask, app: AppModel) {
        schedule()
        let completion = TaskCompletion(task)
        let work = Task { @MainActor in
            let finished = await app.backgroundSync()
            completion.complete(success: finished)
        }
        task.expirationHandler = {
            // The runner stops the core after the current round trip; the work then completes.
            work.cancel()
        }
    }
}

/// Calls setTaskCompleted once (the expiration and the end of the run may race).
private final class TaskCompletion: @unchecked Sendable {
    private let task: BGTask
    private let lock = NSLock()
    private var done = false

    init(_ task: BGTask) { self.task = task }

    func complete(success: Bool) {
        lock.lock()
        let first = !done
        done = true
        lock.unlock()
        if first { task.setTaskCompleted(success: success) }
    }
}
