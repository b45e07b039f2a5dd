// Minimal CoreLocation stub for ios/App/Typecheck (not the real API; the signatures the app uses).
@_exported import Foundation
public typealias CLLocationDegrees = Double
public typealias CLLocationAccuracy = Double
public let kCLLocationAccuracyBest: CLLocationAccuracy = -1
public struct CLLocationCoordinate2D { public var latitude: CLLocationDegrees; public var longitude: CLLocationDegrees }
open class CLLocation: NSObject {
    open var coordinate: CLLocationCoordinate2D { fatalError() }
    open var horizontalAccuracy: CLLocationAccuracy { 0 }
}
public enum CLAuthorizationStatus { case notDetermined, restricted, denied, authorizedAlways, authorizedWhenInUse }
public protocol CLLocationManagerDelegate: NSObjectProtocol {
    func locationManagerDidChangeAuthorization(_ manager: CLLocationManager)
    func locationManager(_ manager: CLLocationManager, didUpdateLocations locations: [CLLocation])
    func locationManager(_ manager: CLLocationManager, didFailWithError error: Error)
}
open class CLLocationManager: NSObject {
    weak open var delegate: CLLocationManagerDelegate?
    open var desiredAccuracy: CLLocationAccuracy = 0
    open var authorizationStatus: CLAuthorizationStatus { .notDetermined }
    open func requestWhenInUseAuthorization() {}
    open func requestLocation() {}
}
