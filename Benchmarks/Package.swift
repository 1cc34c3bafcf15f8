// swift-tools-version: 6.3
// Benchmarks live in their own package so the main build never resolves package-benchmark.
import Foundation
import PackageDescription

// A path dependency is known by its directory name, which depends on where the project was cloned.
let projectIdentity = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().lastPathComponent

let package = Package(
  name: "AllianceGraphBenchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/ordo-one/package-benchmark", exact: "1.38.1", traits: []),
  ],
  targets: [
    .executableTarget(
      name: "GraphCoreBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "package-benchmark"),
        .product(name: "GraphCore", package: projectIdentity),
      ],
      path: "Benchmarks/GraphCoreBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
    .executableTarget(
      name: "AllianceBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "package-benchmark"),
        .product(name: "AllianceModel", package: projectIdentity),
        .product(name: "AllianceAnalytics", package: projectIdentity),
        .product(name: "AllianceRender", package: projectIdentity),
      ],
      path: "Benchmarks/AllianceBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
  ]
)
