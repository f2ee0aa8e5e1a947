// swift-tools-version: 6.2
import PackageDescription

/// Settings every Convener target shares: Swift 6 mode, explicit existentials, and no warnings.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Convener",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "convener", targets: ["convener"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
    ],
    targets: [
        .target(
            name: "ConvenerCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ConvenerConfig",
            dependencies: ["ConvenerCore", "ConvenerPlatforms", "Yams"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ConvenerStore",
            dependencies: [
                "ConvenerCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ConvenerPlatforms",
            dependencies: [
                "ConvenerCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "ConvenerDelivery",
            dependencies: [
                "ConvenerCore",
                "CCurl",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "ConvenerServer",
            dependencies: [
                "ConvenerCore",
                "ConvenerConfig",
                "ConvenerStore",
                "ConvenerPlatforms",
                "ConvenerDelivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "convener",
            dependencies: [
                "ConvenerServer",
                "ConvenerDelivery",
                "ConvenerConfig",
                "ConvenerStore",
                "ConvenerPlatforms",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "ConvenerCoreTests", dependencies: ["ConvenerCore"], swiftSettings: strictSettings),
        .testTarget(
            name: "ConvenerConfigTests",
            dependencies: ["ConvenerConfig"],
            exclude: ["Rules/Corpus"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConvenerStoreTests",
            dependencies: [
                "ConvenerStore", .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConvenerPlatformsTests",
            dependencies: ["ConvenerPlatforms"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConvenerDeliveryTests",
            dependencies: ["ConvenerDelivery"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConvenerServerTests",
            dependencies: [
                "ConvenerServer", "ConvenerDelivery", "ConvenerPlatforms",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
