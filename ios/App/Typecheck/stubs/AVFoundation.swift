// Minimal AVFoundation stub for ios/App/Typecheck (not the real API; the signatures the app uses).
@_exported import Foundation
import UIKit
public struct AVMediaType: Equatable { public static let video = AVMediaType() }
public enum AVAuthorizationStatus { case notDetermined, restricted, denied, authorized }
open class AVCaptureDevice: NSObject {
    public struct DeviceType: Equatable { public static let builtInWideAngleCamera = DeviceType() }
    public enum Position { case unspecified, back, front }
    open class func authorizationStatus(for: AVMediaType) -> AVAuthorizationStatus { .authorized }
    open class func requestAccess(for: AVMediaType) async -> Bool { true }
    open class func `default`(_ type: DeviceType, for: AVMediaType?, position: Position) -> AVCaptureDevice? { nil }
}
open class AVCaptureInput: NSObject {}
open class AVCaptureDeviceInput: AVCaptureInput { public init(device: AVCaptureDevice) throws {} }
open class AVCaptureOutput: NSObject {}
open class AVCaptureConnection: NSObject {}
open class AVCaptureSession: NSObject {
    public struct Preset: Equatable { public static let photo = Preset(), high = Preset() }
    open var sessionPreset: Preset = .high
    open var isRunning: Bool { false }
    open func beginConfiguration() {}
    open func commitConfiguration() {}
    open func canAddInput(_ i: AVCaptureInput) -> Bool { true }
    open func addInput(_ i: AVCaptureInput) {}
    open func canAddOutput(_ o: AVCaptureOutput) -> Bool { true }
    open func addOutput(_ o: AVCaptureOutput) {}
    open func startRunning() {}
    open func stopRunning() {}
}
public let AVVideoCodecKey = "AVVideoCodecKey"
public struct AVVideoCodecType: Hashable { public static let jpeg = AVVideoCodecType() }
open class AVCaptureResolvedPhotoSettings: NSObject { open var uniqueID: Int64 { 0 } }
open class AVCapturePhotoSettings: NSObject {
    public override init() {}
    public init(format: [String: Any]?) {}
    open var uniqueID: Int64 { 0 }
    public enum FlashMode { case off, on, auto }
    open var flashMode: FlashMode = .off
}
open class AVCapturePhoto: NSObject { open func fileDataRepresentation() -> Data? { nil } }
public protocol AVCapturePhotoCaptureDelegate: NSObjectProtocol {
    func photoOutput(_ output: AVCapturePhotoOutput, didFinishProcessingPhoto photo: AVCapturePhoto, error: Error?)
    func photoOutput(_ output: AVCapturePhotoOutput, didFinishCaptureFor resolvedSettings: AVCaptureResolvedPhotoSettings, error: Error?)
}
open class AVCapturePhotoOutput: AVCaptureOutput {
    public enum QualityPrioritization { case speed, balanced, quality }
    open var availablePhotoCodecTypes: [AVVideoCodecType] { [] }
    open var maxPhotoQualityPrioritization: QualityPrioritization = .balanced
    open func capturePhoto(with settings: AVCapturePhotoSettings, delegate: AVCapturePhotoCaptureDelegate) {}
}
open class AVMetadataObject: NSObject {
    public struct ObjectType: Hashable { public static let qr = ObjectType() }
    open var type: ObjectType { .qr }
}
open class AVMetadataMachineReadableCodeObject: AVMetadataObject { open var stringValue: String? { nil } }
public protocol AVCaptureMetadataOutputObjectsDelegate: NSObjectProtocol {
    func metadataOutput(_ output: AVCaptureMetadataOutput, didOutput metadataObjects: [AVMetadataObject], from connection: AVCaptureConnection)
}
open class AVCaptureMetadataOutput: AVCaptureOutput {
    open var availableMetadataObjectTypes: [AVMetadataObject.ObjectType] { [] }
    open var metadataObjectTypes: [AVMetadataObject.ObjectType]! = []
    open func setMetadataObjectsDelegate(_ d: AVCaptureMetadataOutputObjectsDelegate?, queue: DispatchQueue?) {}
}
public struct AVLayerVideoGravity { public static let resizeAspectFill = AVLayerVideoGravity() }
open class AVCaptureVideoPreviewLayer: CALayer {
    open var session: AVCaptureSession?
    open var videoGravity: AVLayerVideoGravity = .resizeAspectFill
}
