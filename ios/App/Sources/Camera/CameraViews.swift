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

/// A camera's preview with `controls` under it, once access is granted: asks for access and
/// starts the session when shown, stops it when gone. The session is made once (a capture session
/// is heavy), not at every redraw.
struct CameraFrame<Controls: View>: View {
    let mode: CameraSession.Mode
    /// Width over height of the preview.
    let aspect: CGFloat
    /// Called once with the new session, before it starts.
    var prepare: (CameraSession) -> Void = { _ in }
    @ViewBuilder let controls: (CameraSession) -> Controls

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
                if let camera {
                    VStack(spacing: 12) {
                        CameraPreview(session: camera.session)
                            .aspectRatio(aspect, contentMode: .fit)
                            .clipShape(RoundedRectangle(cornerRadius: 8))
                        controls(camera)
                    }
                }
            }
        }
        .task {
            let session: CameraSession
            if let camera {
                session = camera
            } else {
                session = CameraSession(mode: mode)
                prepare(session)
                camera = session
            }
            access = await CameraAccess.request()
            if access == .granted, await !session.start() { access = .unavailable }
        }
        .onDisappear { camera?.stop() }
    }
}

/// Taking a photo: the preview and the shutter. `busy` while the photo view model stores it.
struct PhotoCameraView: View {
    let busy: Bool
    let onCaptured: (Data) -> Void
    let onFailed: () -> Void

    @State private var capturing = false

    var body: some View {
        CameraFrame(mode: .photo, aspect: 0.75) { camera in
            Button {
                shoot(camera)
            } label: {
                Label(busy || capturing ? L("photo_saving") : L("photo_take"), systemImage: "camera")
                    .frame(maxWidth: .infinity)
            }
            .buttonStyle(.borderedProminent)
            .touchTarget()
            .disabled(busy || capturing)
        }
    }

    private func shoot(_ camera: CameraSession) {
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

    var body: some View {
        CameraFrame(mode: .qr, aspect: 1, prepare: { session in session.onCode = { code in onCode(code) } }) { _ in
            Text(L("ios_qr_scanning")).font(.callout)
        }
    }
}
