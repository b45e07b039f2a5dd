// The camera (AVFoundation): one capture session for either taking photos (AVCapturePhotoOutput,
// JPEG bytes kept in memory and handed to the photo view model, never written to a plaintext
// file: the core encrypts them into its vault) or reading the enrollment QR code
// (AVCaptureMetadataOutput, .qr). Permission is asked when the camera first opens; refused, the
// screens say so with a way to the iPhone's Settings (CameraViews.swift).
import AVFoundation
import Foundation

/// Whether the app may use the camera.
enum CameraAccess: Equatable {
    case unknown
    case granted
    case denied
    /// No camera (the simulator) or it could not be set up.
    case unavailable

    /// Asks when not yet asked; the answer.
    static func request() async -> CameraAccess {
        switch AVCaptureDevice.authorizationStatus(for: .video) {
        case .authorized: return .granted
        case .notDetermined: return await AVCaptureDevice.requestAccess(for: .video) ? .granted : .denied
        default: return .denied
        }
    }
}

/// One capture session; configured, started and stopped on its own queue.
final class CameraSession: NSObject, @unchecked Sendable {
    enum Mode { case photo, qr }

    let session = AVCaptureSession()
    private let mode: Mode
    private let queue = DispatchQueue(label: "app.ruhu.camera")
    private let photoOutput = AVCapturePhotoOutput()
    private let metadataOutput = AVCaptureMetadataOutput()
    private var configured = false
    private var pending: [Int64: PhotoWaiter] = [:]
    private let lock = NSLock()
    private var lastCode: String?

    /// A QR payload read (main queue); the same code is reported once.
    var onCode: (@MainActor (String) -> Void)?

    init(mode: Mode) {
        self.mode = mode
        super.init()
    }

    /// Sets up the back camera and the output; false when there is no camera to use.
    func start() async -> Bool {
        await withCheckedContinuation { continuation in
            queue.async {
                if !self.configured {
                    guard self.configure() else {
                        continuation.resume(returning: false)
                        return
                    }
                    self.configured = true
                }
                if !self.session.isRunning { self.session.startRunning() }
                continuation.resume(returning: true)
            }
        }
    }

    /// Stops the camera (screen left).
    func stop() {
        queue.async {
            if self.session.isRunning { self.session.stopRunning() }
        }
    }

    /// Takes one photo: its JPEG bytes, in memory, or nil when the camera failed.
    func capture() async -> Data? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Data?, Never>) in
            queue.async {
                guard self.configured, self.session.isRunning else {
                    continuation.resume(returning: nil)
                    return
                }
                let settings: AVCapturePhotoSettings
                if self.photoOutput.availablePhotoCodecTypes.contains(.jpeg) {
                    settings = AVCapturePhotoSettings(format: [AVVideoCodecKey: AVVideoCodecType.jpeg])
                } else {
                    settings = AVCapturePhotoSettings()
                }
                settings.flashMode = .off
                let waiter = PhotoWaiter(continuation: continuation) { [weak self] id in
                    self?.lock.lock()
                    self?.pending[id] = nil
                    self?.lock.unlock()
                }
                self.lock.lock()
                self.pending[settings.uniqueID] = waiter
                self.lock.unlock()
                self.photoOutput.capturePhoto(with: settings, delegate: waiter)
            }
        }
    }

    private func configure() -> Bool {
        guard let device = AVCaptureDevice.default(.builtInWideAngleCamera, for: .video, position: .back),
              let input = try? AVCaptureDeviceInput(device: device)
        else { return false }
        session.beginConfiguration()
        defer { session.commitConfiguration() }
        session.sessionPreset = mode == .photo ? .photo : .high
        guard session.canAddInput(input) else { return false }
        session.addInput(input)
        switch mode {
        case .photo:
            guard session.canAddOutput(photoOutput) else { return false }
            session.addOutput(photoOutput)
            photoOutput.maxPhotoQualityPrioritization = .balanced
        case .qr:
            guard session.canAddOutput(metadataOutput) else { return false }
            session.addOutput(metadataOutput)
            // The types can be set only once the output is in the session.
            guard metadataOutput.availableMetadataObjectTypes.contains(.qr) else { return false }
            metadataOutput.metadataObjectTypes = [.qr]
            metadataOutput.setMetadataObjectsDelegate(self, queue: .main)
        }
        return true
    }
}

extension CameraSession: AVCaptureMetadataOutputObjectsDelegate {
    func metadataOutput(_ output: AVCaptureMetadataOutput, didOutput metadataObjects: [AVMetadataObject],
                        from connection: AVCaptureConnection) {
        guard let code = metadataObjects.compactMap({ $0 as? AVMetadataMachineReadableCodeObject })
            .first(where: { $0.type == .qr })?.stringValue, code != lastCode
        else { return }
        lastCode = code
        MainActor.assumeIsolated { onCode?(code) }
    }
}

/// Waits for one photo's bytes.
private final class PhotoWaiter: NSObject, AVCapturePhotoCaptureDelegate, @unchecked Sendable {
    private var continuation: CheckedContinuation<Data?, Never>?
    private let done: (Int64) -> Void

    init(continuation: CheckedContinuation<Data?, Never>, done: @escaping (Int64) -> Void) {
        self.continuation = continuation
        self.done = done
    }

    func photoOutput(_ output: AVCapturePhotoOutput, didFinishProcessingPhoto photo: AVCapturePhoto, error: Error?) {
        // The encoded JPEG as the camera made it, in memory only.
        continuation?.resume(returning: error == nil ? photo.fileDataRepresentation() : nil)
        continuation = nil
    }

    func photoOutput(_ output: AVCapturePhotoOutput, didFinishCaptureFor resolvedSettings: AVCaptureResolvedPhotoSettings,
                     error: Error?) {
        continuation?.resume(returning: nil)
        continuation = nil
        done(resolvedSettings.uniqueID)
    }
}
