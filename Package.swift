// swift-tools-version: 6.3
import PackageDescription

let package = Package(
  name: "AllianceGraph",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "GraphCore", targets: ["GraphCore"]),
    .library(name: "GraphAlgorithms", targets: ["GraphAlgorithms"]),
    .library(name: "AllianceModel", targets: ["AllianceModel"]),
    .library(name: "AllianceAnalytics", targets: ["AllianceAnalytics"]),
    .library(name: "AllianceRender", targets: ["AllianceRender"]),
    .executable(name: "alliance", targets: ["alliance"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
  ],
  targets: [
    .target(name: "GraphCore"),
    .target(
      name: "GraphAlgorithms",
      dependencies: ["GraphCore", .product(name: "Atomics", package: "swift-atomics")]
    ),
    .target(name: "AllianceModel", dependencies: ["GraphCore"]),
    .target(name: "AllianceAnalytics", dependencies: ["AllianceModel", "GraphAlgorithms", "GraphCore"]),
    .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
    .target(name: "AllianceRender", dependencies: ["CGraphviz", "AllianceAnalytics", "AllianceModel", "GraphAlgorithms", "GraphCore"]),
    .executableTarget(
      name: "alliance",
      dependencies: [
        "GraphCore",
        "GraphAlgorithms",
        "AllianceModel",
        "AllianceAnalytics",
        "AllianceRender",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "GraphCoreTests", dependencies: ["GraphCore"]),
    .testTarget(name: "GraphAlgorithmsTests", dependencies: ["GraphAlgorithms", "GraphCore"]),
    .testTarget(name: "AllianceModelTests", dependencies: ["AllianceModel", "GraphCore"]),
    .testTarget(name: "AllianceAnalyticsTests", dependencies: ["AllianceAnalytics", "AllianceModel", "GraphCore"]),
    .testTarget(name: "AllianceRenderTests", dependencies: ["AllianceRender", "AllianceAnalytics", "AllianceModel", "CGraphviz"]),
    .testTarget(name: "allianceTests", dependencies: ["alliance", "GraphCore"]),
  ]
)
