// swift-tools-version: 6.1
import PackageDescription

// Module boundaries, each depending only on those to its left:
//   CPCRE2 (system PCRE2) → ScanCore (the engine, no I/O) → veil (the CLI)
// The x86-64 scanner needs x86-64-v2 (SSSE3's pshufb, POPCNT): every x86-64 server CPU
// since about 2011, and the baseline of current enterprise distributions.
#if arch(x86_64)
let vectorFlags = ["-Xcc", "-march=x86-64-v2"]
#else
let vectorFlags: [String] = []
#endif

let package = Package(
    name: "Veil",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ScanCore", targets: ["ScanCore"]),
        .library(name: "VeilCorpus", targets: ["VeilCorpus"]),
        .executable(name: "veil", targets: ["veil"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "4.5.2"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(
            name: "ScanCore",
            dependencies: [
                "CPCRE2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: [
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
                .unsafeFlags(vectorFlags),
            ]
        ),
        .executableTarget(
            name: "veil",
            dependencies: [
                "ScanCore",
                "VeilCorpus",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "VeilCorpus",
            path: "corpus/Sources/VeilCorpus"
        ),
        .testTarget(
            name: "ScanCoreTests",
            dependencies: [
                "ScanCore",
                "VeilCorpus",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "VeilCLITests",
            dependencies: ["ScanCore", "VeilCorpus", "veil"]
        ),
    ]
)
