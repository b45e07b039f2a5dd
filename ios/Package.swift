// swift-tools-version:5.9
// Ruhu's Swift package: the generated bindings of ruhu-core (RuhuCore) and the iPhone app's view
// models (RuhuViewModels: Foundation and Observation only, one folder per feature), which the
// SwiftUI app in App/ renders.
//
// One manifest, two platforms:
// - on Apple platforms the core's C interface comes from RuhuCoreFFI.xcframework, built by
//   ios/build-xcframework.sh on a Mac with Xcode;
// - on Linux (scripts/ios-test.sh, in a Debian 13 root with Debian's Swift) it is the same
//   header and module map as a system library, linked against the host-built libruhu_core.so,
//   so that the bindings compile and the view models are tested against the real core.
import PackageDescription

#if os(Linux)
let ffi: Target = .systemLibrary(name: "ruhu_coreFFI", path: "Sources/RuhuCoreFFI/include")
let ffiName = "ruhu_coreFFI"
let coreLinker: [LinkerSetting] = [.linkedLibrary("ruhu_core")]
#else
let ffi: Target = .binaryTarget(name: "RuhuCoreFFI", path: "RuhuCoreFFI.xcframework")
let ffiName = "RuhuCoreFFI"
let coreLinker: [LinkerSetting] = []
#endif

let package = Package(
    name: "RuhuCore",
    // Observation (the view models' state) needs iOS 17.
    platforms: [.iOS(.v17), .macOS(.v14)],
    products: [
        .library(name: "RuhuCore", targets: ["RuhuCore"]),
        .library(name: "RuhuViewModels", targets: ["RuhuViewModels"]),
        .executable(name: "ruhu-ios-bench", targets: ["RuhuBench"]),
    ],
    targets: [
        ffi,
        .target(
            name: "RuhuCore",
            dependencies: [.target(name: ffiName)],
            path: "Sources/RuhuCore",
            linkerSettings: coreLinker
        ),
        .target(name: "RuhuViewModels", dependencies: ["RuhuCore"], path: "Sources/RuhuViewModels"),
        .executableTarget(name: "RuhuBench", dependencies: ["RuhuCore", "RuhuViewModels"], path: "Sources/RuhuBench"),
        .testTarget(name: "RuhuCoreTests", dependencies: ["RuhuCore"], path: "Tests/RuhuCoreTests"),
        .testTarget(
            name: "RuhuViewModelsTests",
            dependencies: ["RuhuCore", "RuhuViewModels"],
            path: "Tests/RuhuViewModelsTests"
        ),
    ]
)
