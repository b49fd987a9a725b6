import Domain
import Foundation
import Rules

@testable import Reports

extension ReportRenderer {
    /// The tertial reports of `period` evaluated from `facts` the way the pipeline does: the tertial, the
    /// year to date, both last year, and each month of the year to date.
    func tertial(
        _ period: Period, engine: RuleEngine, facts: [Fact], quality: DataQuality = DataQuality(sources: [], files: [:])
    ) -> [RenderedFile] {
        tertial(
            engine.evaluate(period: period, facts: facts),
            yearToDate: engine.evaluate(period: period.yearToDate, facts: facts),
            lastYearToDate: engine.evaluate(period: period.yearToDate.sameLastYear, facts: facts),
            lastYearTertial: engine.evaluate(period: period.sameLastYear, facts: facts),
            months: period.yearToDate.months.map { engine.evaluate(period: .month($0), facts: facts) },
            quality: quality)
    }
}
