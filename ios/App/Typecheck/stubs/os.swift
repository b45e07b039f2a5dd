// Minimal os (Logger) stub for ios/App/Typecheck (not the real API; the signatures the app uses).
public struct OSLogPrivacy { public static let `public` = OSLogPrivacy(), `private` = OSLogPrivacy() }
public struct OSLogInterpolation: StringInterpolationProtocol {
    public init(literalCapacity: Int, interpolationCount: Int) {}
    public mutating func appendLiteral(_ s: String) {}
    public mutating func appendInterpolation(_ s: @autoclosure @escaping () -> String, privacy: OSLogPrivacy = .private) {}
}
public struct OSLogMessage: ExpressibleByStringInterpolation, ExpressibleByStringLiteral {
    public init(stringInterpolation: OSLogInterpolation) {}
    public init(stringLiteral: String) {}
}
public struct Logger: Sendable {
    public init(subsystem: String, category: String) {}
    public func error(_ m: OSLogMessage) {}
}
