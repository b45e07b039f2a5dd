// Handover by file: export seals a bundle and suggests a file name; a file received is previewed
// first (nothing imported), then imported at once when all of it lies in this worker's grids, or
// only as the worker agreed (importBundleConfirmed) when some does not.
import Foundation
import Observation
import RuhuCore

/// The handover screens' logic.
@MainActor
@Observable
public final class HandoverViewModel: ScreenViewModel {
    public private(set) var state = HandoverState()

    @ObservationIgnored private let core: HandoverCore
    @ObservationIgnored private let today: () -> String
    @ObservationIgnored private let work = WorkTracker()
    @ObservationIgnored private var received: Data?

    /// - Parameter today: the date put in file names (YYYYMMDD).
    public init(core: HandoverCore, today: @escaping () -> String = HandoverViewModel.todayStamp) {
        self.core = core
        self.today = today
    }

    public func send(_ action: HandoverAction) {
        let core = self.core
        switch action {
        case .export(let ids, let label):
            guard !state.busy else { return }
            let name = fileName(label)
            begin()
            work.run { [weak self] in
                let outcome = await attempt { try core.exportBundle(documentIds: ids) }
                guard let self else { return }
                self.state.busy = false
                switch outcome {
                case .success(let bytes): self.state.exported = ExportedBundle(bytes: bytes, fileName: name)
                case .failure(let problem): self.state.problem = problem
                }
            }
        case .exportShared:
            state.exported = nil
        case .received(let bytes):
            guard !state.busy else { return }
            received = nil
            begin()
            state.preview = nil
            state.needsConsent = false
            state.imported = nil
            work.run { [weak self] in
                let outcome = await attempt { try core.previewBundle(bundle: bytes) }
                guard let self else { return }
                self.state.busy = false
                switch outcome {
                case .success(let preview):
                    self.received = bytes
                    self.state.preview = preview
                    self.state.needsConsent = preview.outsideScope > 0
                case .failure(let problem):
                    self.state.problem = problem
                }
            }
        case .importBundle(let include):
            guard !state.busy, let bytes = received, state.imported == nil else { return }
            let consent = state.needsConsent
            begin()
            work.run { [weak self] in
                let outcome = await attempt {
                    consent
                        ? try core.importBundleConfirmed(bundle: bytes, includeOutsideScope: include)
                        : try core.importBundle(bundle: bytes)
                }
                guard let self else { return }
                self.state.busy = false
                switch outcome {
                case .success(let report):
                    self.received = nil
                    self.state.imported = report
                case .failure(let problem):
                    self.state.problem = problem
                }
            }
        case .dismissProblem:
            state.problem = nil
        }
    }

    public func settle() async { await work.settle() }

    private func begin() {
        state.busy = true
        state.problem = nil
    }

    /// ASCII only: share targets and old file managers mangle other names.
    private func fileName(_ label: String) -> String {
        var safe = String(String.UnicodeScalarView(label.unicodeScalars.filter {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-")
        }).prefix(40))
        if safe.isEmpty { safe = "case" }
        return "ruhu-\(safe)-\(today()).ruhu"
    }

    /// Today's date as YYYYMMDD in the phone's time zone.
    public nonisolated static func todayStamp() -> String {
        let format = DateFormatter()
        format.calendar = Calendar(identifier: .gregorian)
        format.locale = Locale(identifier: "en_US_POSIX")
        format.dateFormat = "yyyyMMdd"
        return format.string(from: Date())
    }
}
