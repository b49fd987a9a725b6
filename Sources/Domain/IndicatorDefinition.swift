/// An indicator as the beställarnämnd defines it.
package struct IndicatorDefinition: Sendable {
    package let id: String
    package let name: String
    package let description: String
    package let family: Family
    package let formulaText: String
    package let formula: Formula
    package let unit: String
    /// Decimals shown and published, 0 to 4. The default is `defaultDecimals`, 0.
    package let decimals: Int
    /// Which way is better; ranks and status need `higher` or `lower`. The default is `defaultDirection`,
    /// `.none`.
    package let direction: Direction
    /// The target value, if the nämnd has set one.
    package var target: Double? {
        if case .target(let target, _) = statusRule { return target }
        return nil
    }
    /// How values are judged green, yellow or red.
    package let statusRule: StatusRule
    /// Whether the indicator is also computed for women and men separately (from gender-split facts). The
    /// default is `defaultByGender`, `false`.
    package let byGender: Bool
    /// The områden the indicator applies to; empty = all.
    package let omraden: [String]
    /// The regi it applies to; other units show it as not applicable (`.`).
    package let regi: [Regi]
    /// The measure whose value counts the observations behind the indicator (e.g. `brukare`, or
    /// `enkat_svarande[category=helhet]`); `nil` = none.
    package let nMeasure: MeasureReference?
    /// Fewer observations than this and the value is suppressed (`..`). The default is the report's `min_n`
    /// (`Config.ReportSettings.defaultMinN`, 5, when that is not set either).
    package let minN: Int

    /// The decimals of an indicator that names none: 0.
    package static let defaultDecimals = 0
    /// The direction of an indicator that names none: `.none`, not judged.
    package static let defaultDirection = Direction.none
    /// Whether an indicator that does not say is computed per gender: `false`.
    package static let defaultByGender = false

    package func applies(to omrade: String) -> Bool { omraden.isEmpty || omraden.contains(omrade) }
    package func applies(to regi: Regi) -> Bool { self.regi.contains(regi) }
}
