// swift-tools-version: 6.1
import PackageDescription
import struct Foundation.URL

// A nested package for libFuzzer targets, built only by `make fuzz` (with -sanitize=fuzzer), so
// the root build never sees them. It depends on the root package by path; SwiftPM names a
// path dependency after its directory, which is whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = root.lastPathComponent

let package = Package(
    name: "VeilFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "EngineFuzz",
            dependencies: [.product(name: "ScanCore", package: rootIdentity)],
            path: "Sources/EngineFuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
