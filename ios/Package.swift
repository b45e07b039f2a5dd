// swift-tools-version:5.9
// Ruhu's Swift bindings of ruhu-core. The generated Swift file (Sources/RuhuCore) calls the C
// interface of the core, which ships as RuhuCoreFFI.xcframework built by ios/build-xcframework.sh
// on a Mac with Xcode (not available on the CI machine, which checks the committed bindings are
// current with scripts/bindings.sh --check).
import PackageDescription

let package = Package(
    name: "RuhuCore",
    platforms: [.iOS(.v15)],
    products: [
        .library(name: "RuhuCore", targets: ["RuhuCore"]),
    ],
    targets: [
        .binaryTarget(name: "RuhuCoreFFI", path: "RuhuCoreFFI.xcframework"),
        .target(name: "RuhuCore", dependencies: ["RuhuCoreFFI"], path: "Sources/RuhuCore"),
    ]
)
