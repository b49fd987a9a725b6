/// The tool's version, printed by `--version` and recorded in run manifests.
enum ToolVersion {
    static let current = "0.1.0"
}
