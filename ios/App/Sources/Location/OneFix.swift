// One position for the household form's 定位 button (the Android app's OneFix.kt): asks for
// when-in-use permission if not yet asked, then one fix (CLLocationManager.requestLocation),
// within a time limit. Nothing runs in the background; no position is kept here.
import CoreLocation
import Foundation

/// A position as the household form takes it.
struct LocationFix: Equatable, Sendable {
    let latitude: Double
    let longitude: Double
    /// Horizontal accuracy, metres.
    let accuracy: Double
}

/// Gets one fix at a time.
@MainActor
final class OneFix: NSObject, CLLocationManagerDelegate {
    private let manager = CLLocationManager()
    private var waiting: CheckedContinuation<LocationFix?, Never>?
    private var timeout: Task<Void, Never>?

    override init() {
        super.init()
        manager.delegate = self
        manager.desiredAccuracy = kCLLocationAccuracyBest
    }

    /// One position, or nil (permission refused, location off, no fix within `seconds`).
    func fix(within seconds: Double = 20) async -> LocationFix? {
        if waiting != nil { return nil } // one at a time
        return await withCheckedContinuation { continuation in
            waiting = continuation
            timeout = Task { [weak self] in
                try? await Task.sleep(for: .seconds(seconds))
                self?.finish(nil)
            }
            switch manager.authorizationStatus {
            case .notDetermined:
                manager.requestWhenInUseAuthorization() // the answer arrives in the delegate
            case .authorizedWhenInUse, .authorizedAlways:
                manager.requestLocation()
            default:
                finish(nil)
            }
        }
    }

    private func finish(_ fix: LocationFix?) {
        timeout?.cancel()
        timeout = nil
        let continuation = waiting
        waiting = nil
        continuation?.resume(returning: fix)
    }

    nonisolated func locationManagerDidChangeAuthorization(_ manager: CLLocationManager) {
        let status = manager.authorizationStatus
        Task { @MainActor in
            guard self.waiting != nil else { return }
            switch status {
            case .authorizedWhenInUse, .authorizedAlways: self.manager.requestLocation()
            case .notDetermined: break
            default: self.finish(nil)
            }
        }
    }

    nonisolated func locationManager(_ manager: CLLocationManager, didUpdateLocations locations: [CLLocation]) {
        guard let last = locations.last, last.horizontalAccuracy >= 0 else { return }
        let fix = LocationFix(latitude: last.coordinate.latitude, longitude: last.coordinate.longitude,
                              accuracy: last.horizontalAccuracy)
        Task { @MainActor in self.finish(fix) }
    }

    nonisolated func locationManager(_ manager: CLLocationManager, didFailWithError error: Error) {
        Task { @MainActor in self.finish(nil) }
    }
}
