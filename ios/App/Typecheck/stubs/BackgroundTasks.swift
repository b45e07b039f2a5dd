// Minimal BackgroundTasks stub for ios/App/Typecheck (not the real API; the signatures the app uses).
@_exported import Foundation
open class BGTaskRequest: NSObject { open var identifier: String { "" }; open var earliestBeginDate: Date? }
open class BGAppRefreshTaskRequest: BGTaskRequest { public init(identifier: String) {} }
open class BGProcessingTaskRequest: BGTaskRequest {
    public init(identifier: String) {}
    open var requiresNetworkConnectivity = false
    open var requiresExternalPower = false
}
open class BGTask: NSObject {
    open var expirationHandler: (() -> Void)?
    open func setTaskCompleted(success: Bool) {}
}
open class BGTaskScheduler: NSObject {
    public static let shared = BGTaskScheduler()
    open func register(forTaskWithIdentifier: String, using: DispatchQueue?, launchHandler: @escaping @Sendable (BGTask) -> Void) -> Bool { true }
    open func submit(_ r: BGTaskRequest) throws {}
}
