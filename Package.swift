// swift-tools-version: 6.1
import PackageDescription

// One module per pipeline stage (see docs/ARCHITECTURE.md). Dependencies point down, and every module a
// target imports is declared here (nothing compiles through another module):
// Ingest -> Domain; Warehouse -> Domain; Rules -> Domain, Warehouse; Reports -> Domain, Rules;
// Pipeline -> Domain, Ingest, Warehouse, Rules, Reports; uppfoljning -> Domain, Ingest, Pipeline.
let package = Package(
    name: "Uppfoljning",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "uppfoljning", targets: ["uppfoljning"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // The ledger CSV fast path's byte classifier (SSE2), see its header.
        .target(name: "CFieldSplit"),
        .target(
            name: "Domain",
            dependencies: ["CCrypto", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .target(
            name: "Ingest",
            dependencies: ["Domain", "CZlib", "CLibXML2", "CCrypto", "CFieldSplit"],
            // The SAX callbacks mutate the reader's state millions of times per file; the run-time exclusivity
            // checks on those accesses were a tenth of reading a PAXml month (docs/PERFORMANCE.md). Debug
            // builds, and so the tests, keep them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .target(
            name: "Warehouse",
            dependencies: [
                "Domain", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "Rules",
            dependencies: ["Domain", "Warehouse"]
        ),
        .target(
            name: "Reports",
            dependencies: ["Domain", "Rules", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "Pipeline",
            dependencies: [
                "Domain", "Ingest", "Warehouse", "Rules", "Reports",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "uppfoljning",
            dependencies: [
                "Pipeline", "Domain", "Ingest", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Domain"], path: "Tests/TestSupport"),
        .testTarget(name: "DomainTests", dependencies: ["Domain", "TestSupport"]),
        .testTarget(name: "IngestTests", dependencies: ["TestSupport", "Ingest", "Domain", "CFieldSplit"]),
        .testTarget(
            name: "WarehouseTests",
            dependencies: [
                "Warehouse", "Domain", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "RulesTests", dependencies: ["TestSupport", "Rules", "Domain"]),
        .testTarget(name: "ReportsTests", dependencies: ["TestSupport", "Reports", "Rules", "Domain"]),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "TestSupport", "Pipeline", "Reports", "Warehouse", "Domain",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "EndToEndTests", dependencies: [], exclude: ["golden"]),
    ]
)

// libFuzzer targets, only when scripts/fuzz builds them (UPPFOLJNING_FUZZ=1 and -sanitize=fuzzer): they have
// no main of their own, so an ordinary build leaves them out.
if Context.environment["UPPFOLJNING_FUZZ"] != nil {
    package.targets.append(
        .target(name: "FuzzSupport", dependencies: ["Ingest", "Domain"], path: "Tests/Fuzz/FuzzSupport"))
    for name in ["FuzzCSV", "FuzzSIE", "FuzzPAXml"] {
        package.targets.append(
            .executableTarget(
                name: name, dependencies: ["FuzzSupport", "Ingest", "Domain"], path: "Tests/Fuzz/\(name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
        package.products.append(.executable(name: name, targets: [name]))
    }
}
