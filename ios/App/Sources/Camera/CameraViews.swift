// The camera's views: the live preview, the photo camera (its shutter hands the JPEG bytes on),
// the QR scanner (each payload read handed on), and the notice shown when the camera was refused,
// with a way to the app's page in the iPhone's Settings.
import AVFoundation
import SwiftUI
import UIKit

/// The session's live picture.
struct CameraPreview: UIViewRepresentable {
    let session: AVCaptureSession

    final class PreviewView: UIView {
        override class var layerClass: AnyClass { AVCaptureVideoPreviewLayer.self }
        var previewLayer: AVCaptureVideoPreviewLayer { layer as! AVCaptureVideoPreviewLayer }
    }

    func makeUIView(context: Context) -> PreviewView {
        let view = PreviewView()
        view.previewLayer.session = session
        view.previewLayer.videoGravity = .resizeAspectFill
        view.isAccessibilityElement = true
        view.accessibilityLabel = L("ios_camera_preview")
        return view
    }

    func updateUIView(_ view: PreviewView, context: Context) {}
}

/// The camera refused or missing: said plainly, with the way to Settings when refused.
struct CameraUnavailableView: View {
    let access: CameraAccess
    @Environment(\.openURL) private var openURL

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Text(access == .denied ? L("camera_permission_needed") : L("ios_camera_unavailable"))
                .font(.body)
            if access == .denied, let settings = URL(string: UIApplication.openSettingsURLString) {
                Button(L("ios_open_settings")) { openURL(settings) }
                    .buttonStyle(.borderedProminent)
                    .touchTarget()
            }
        }
        .padding()
    }
}

/// Taking a photo: the preview and the shutter. `busy` while the photo view model stores it.
struct PhotoCameraView: View {
    let busy: Bool
    let onCaptured: (Data) -> Void
    let onFailed: () -> Void

    /// Made when the view first appears (not at every redraw: a capture session is heavy).
    @State private var camera: CameraSession?
    @State private var access = CameraAccess.unknown
    @State private var capturing = false

    var body: some View {
        Group {
            switch access {
            case .unknown:
                ProgressView()
            case .denied, .unavailable:
                CameraUnavailableView(access: access)
            case .granted:
                VStack(spacing: 12) {
                    if let camera {
                        CameraPreview(session: camera.session)
                            .aspectRatio(0.75, contentMode: .fit)
                            .clipShape(RoundedRectangle(cornerRadius: 8))
                    }
                    Button {
                        shoot()
                    } label: {
                        Label(busy || capturing ? L("photo_saving") : L("photo_take"), systemImage: "camera")
                            .frame(maxWidth: .infinity)
                    }
                    .buttonStyle(.borderedProminent)
                    .touchTarget()
                    .disabled(busy || capturing)
                }
            }
        }
        .task {
            let session = camera ?? CameraSession(mode: .photo)
            camera = session
            access = await CameraAccess.request()
            if access == .granted, await !session.start() { access = .unavailable }
        }
        .onDisappear { camera?.stop() }
    }

    private func shoot() {
        guard let camera else { return }
        capturing = true
        Task {
            let bytes = await camera.capture()
            capturing = false
            if let bytes { onCaptured(bytes) } else { onFailed() }
        }
    }
}

/// Reading the enrollment QR code: each payload read is handed on once.
struct QrScannerView: View {
    let onCode: (String) -> Void

    @State private var camera: CameraSession?
    @State private var access = CameraAccess.unknown

    var body: some View {
        Group {
            switch access {
            case .unknown:
                ProgressView()
            case .denied, .unavailable:
                CameraUnavailableView(access: access)
            case .granted:
                VStack(spacing: 8) {
                    if let camera {
                        CameraPreview(session: camera.session)
                            .aspectRatio(1, contentMode: .fit)
                            .clipShape(RoundedRectangle(cornerRadius: 8))
                    }
                    Text(L("ios_qr_scanning")).font(.callout)
                }
            }
        }
        .task {
            let session = camera ?? CameraSession(mode: .qr)
            session.onCode = { code in onCode(code) }
            camera = session
            access = await CameraAccess.request()
            if access == .granted, await !session.start() { access = .unavailable }
        }
        .onDisappear { camera?.stop() }
    }
}
