import Foundation
import RuhuCore
@testable import RuhuViewModels

/// Photos without a store: kept in memory newest first, the inputs recorded, the next shot
/// refused when told, retakes owed as the core counts them (sent back, not yet answered).
final class FakePhotosCore: RetakesCore, @unchecked Sendable {
    private let lock = NSLock()
    private var _kept: [PhotoRecord] = []
    private var _inputs: [PhotoInput] = []
    private var _bytes: [Data] = []
    private var _offMain: [Bool] = []
    private var _files: [String: Data] = [:]
    /// What the next addPhoto or retakePhoto throws, once.
    var refuseNext: ApiError? {
        get { lock.withLock { _refuse } }
        set { lock.withLock { _refuse = newValue } }
    }
    private var _refuse: ApiError?

    var kept: [PhotoRecord] {
        get { lock.withLock { _kept } }
        set { lock.withLock { _kept = newValue } }
    }
    var inputs: [PhotoInput] { lock.withLock { _inputs } }
    var bytes: [Data] { lock.withLock { _bytes } }
    /// For each shot, whether it was stored off the main thread.
    var storedOffMain: [Bool] { lock.withLock { _offMain } }

    func file(_ sha: String, _ data: Data) { lock.withLock { _files[sha] = data } }

    private func store(target: PhotoTarget, input: PhotoInput, bytes: Data, retakeOf: String?) throws -> PhotoRecord {
        try lock.withLock {
            _offMain.append(!Thread.isMainThread)
            if let refuse = _refuse {
                _refuse = nil
                throw refuse
            }
            _inputs.append(input)
            _bytes.append(bytes)
            var record = PhotoRecord.fixture("shot-\(_inputs.count)", target: target, kind: input.kind, caption: input.caption, retakeOf: retakeOf)
            record.location = input.location
            _kept.insert(record, at: 0)
            return record
        }
    }

    func addPhoto(target: PhotoTarget, input: PhotoInput, cameraBytes: Data) throws -> PhotoRecord {
        try store(target: target, input: input, bytes: cameraBytes, retakeOf: nil)
    }

    func photos(householdId: String) throws -> [PhotoRecord] { kept }

    func photoFile(sha256: String) throws -> Data {
        try lock.withLock {
            guard let data = _files[sha256] else { throw ApiError.NotFound(what: "photo") }
            return data
        }
    }

    func retakesOwed() throws -> [PhotoRecord] {
        let all = kept
        let answered = Set(all.compactMap(\.retakeOf))
        return all.filter { $0.review == .retakeNeeded && !answered.contains($0.photoId) }
    }

    func retakePhoto(target: PhotoTarget, photoId: String, input: PhotoInput, cameraBytes: Data) throws -> PhotoRecord {
        guard try retakesOwed().contains(where: { $0.photoId == photoId }) else {
            throw ApiError.InvalidInput(problems: [FieldProblem(field: "retake_of", reason: "这张照片不需要重拍")])
        }
        return try store(target: target, input: input, bytes: cameraBytes, retakeOf: photoId)
    }
}
