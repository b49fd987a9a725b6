/// The tool's version, printed by `--version`, recorded in run manifests and part of every report's
/// input fingerprint (a new version re-renders).
package enum ToolVersion {
    package static let current = "0.2.0"
}
