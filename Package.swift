// swift-tools-version: 6.1
import PackageDescription

// Module boundaries, each depending only on those to its left:
//   CPCRE2 (system PCRE2) → ScanCore (the engine, no I/O) → StreamProxy (the gateway:
//   transports, audit, pipeline stages) → veil (the CLI)
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
        .library(name: "StreamProxy", targets: ["StreamProxy"]),
        .executable(name: "veil", targets: ["veil"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "4.5.2"..<"5.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
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
        .target(
            name: "StreamProxy",
            dependencies: [
                "ScanCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "veil",
            dependencies: [
                "ScanCore",
                "StreamProxy",
                "VeilCorpus",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                // The demo server's HTTP transport (`veil demo-server --http`).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
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
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "StreamProxyTests",
            dependencies: [
                "StreamProxy", "ScanCore", "veil",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            // The Python MCP peers the end-to-end tests start (see Peers/).
            exclude: ["Peers"]
        ),
        .testTarget(
            name: "VeilCLITests",
            dependencies: ["ScanCore", "VeilCorpus", "veil"]
        ),
    ]
)
