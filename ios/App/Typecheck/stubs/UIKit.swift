// Minimal UIKit stub for type-checking on Linux (not the real API; signatures as used).
@_exported import Foundation
open class CALayer {}
open class UIResponder: NSObject {}
open class UIView: UIResponder {
    open class var layerClass: AnyClass { CALayer.self }
    public var layer: CALayer { CALayer() }
    public var isAccessibilityElement: Bool = false
    public var accessibilityLabel: String?
    public override init() {}
}
open class UIViewController: UIResponder {}
public class UIActivity { public struct ActivityType: Hashable { public init(_ s: String) {}
    public static let assignToContact = ActivityType(""), addToReadingList = ActivityType(""), postToFacebook = ActivityType(""),
        postToTwitter = ActivityType(""), postToWeibo = ActivityType(""), postToTencentWeibo = ActivityType(""),
        postToFlickr = ActivityType(""), postToVimeo = ActivityType(""), print = ActivityType("") } }
open class UIActivityViewController: UIViewController {
    public init(activityItems: [Any], applicationActivities: [UIActivity]?) {}
    public var excludedActivityTypes: [UIActivity.ActivityType]?
    public var completionWithItemsHandler: ((UIActivity.ActivityType?, Bool, [Any]?, Error?) -> Void)?
}
public struct UIBackgroundTaskIdentifier: Equatable { public static let invalid = UIBackgroundTaskIdentifier() }
@MainActor public protocol UIApplicationDelegate: AnyObject {}
@MainActor open class UIApplication: UIResponder {
    public static var shared: UIApplication { fatalError() }
    public static let openSettingsURLString = ""
    public struct LaunchOptionsKey: Hashable {}
    public func beginBackgroundTask(withName: String?, expirationHandler: (@MainActor @Sendable () -> Void)?) -> UIBackgroundTaskIdentifier { .invalid }
    public func endBackgroundTask(_ id: UIBackgroundTaskIdentifier) {}
}
public enum UIKeyboardType { case `default`, asciiCapable, numbersAndPunctuation, URL, numberPad, phonePad, decimalPad }
open class UIImage { public init?(data: Data) {} }
open class UIColor { public static var secondarySystemBackground: UIColor { UIColor() } }
