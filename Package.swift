// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ZoneOps",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "zoneops", targets: ["zoneops"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.27.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.5.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "ZoneOpsDomain"),
        .target(name: "ZoneOpsWire", dependencies: [
            "ZoneOpsDomain",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .target(name: "ZoneOpsStore", dependencies: [
            "ZoneOpsDomain", "ZoneOpsWire",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "FluentSQL", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "ZoneOpsServices", dependencies: [
            "ZoneOpsDomain", "ZoneOpsWire", "ZoneOpsStore", "ZoneSimulator",
            .product(name: "FluentKit", package: "fluent-kit"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "NIOTLS", package: "swift-nio"),
        ]),
        .target(name: "ZoneOpsWeb", dependencies: [
            "ZoneOpsDomain", "ZoneOpsWire", "ZoneOpsStore", "ZoneOpsServices", "ZoneSimulator",
            .product(name: "Vapor", package: "vapor"),
            .product(name: "Fluent", package: "fluent"),
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            .product(name: "Plot", package: "Plot"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
        ], resources: [.copy("Public")]),
        .target(name: "ZoneSimulator", dependencies: [
            "ZoneOpsWire",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "zoneops", dependencies: [
            "ZoneOpsWeb", "ZoneOpsServices", "ZoneSimulator", .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ]),
        // Only for bench/me.sh: the bare Vapor baseline measured beside zoneops.
        .executableTarget(name: "vapor-hello", dependencies: [.product(name: "Vapor", package: "vapor")],
                          path: "bench/vapor-hello"),
        // libFuzzer targets for the upload readers (fuzz/run.sh builds them with the fuzzer);
        // a plain build makes replay tools that run the readers over the files they are given.
        .target(name: "FuzzSupport", path: "fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-xlsx", dependencies: ["ZoneOpsWire", "FuzzSupport"], path: "fuzz/fuzz-xlsx"),
        .executableTarget(name: "fuzz-csv", dependencies: ["ZoneOpsWire", "FuzzSupport"], path: "fuzz/fuzz-csv"),
        .executableTarget(name: "fuzz-snmp", dependencies: ["ZoneOpsWire", "FuzzSupport"], path: "fuzz/fuzz-snmp"),
        .executableTarget(name: "fuzz-events", dependencies: ["ZoneOpsWire", "FuzzSupport"], path: "fuzz/fuzz-events"),
        .testTarget(name: "ZoneOpsDomainTests", dependencies: ["ZoneOpsDomain"]),
        .testTarget(name: "ZoneOpsWireTests", dependencies: ["ZoneOpsWire"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ZoneSimulatorTests", dependencies: ["ZoneSimulator", "ZoneOpsWire"]),
        .testTarget(name: "ZoneOpsServicesTests", dependencies: [
            "ZoneOpsServices", "ZoneSimulator",
            .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        ]),
        .testTarget(name: "ZoneOpsWebTests", dependencies: [
            "ZoneOpsWeb", "ZoneSimulator",
            .product(name: "XCTVapor", package: "vapor"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
