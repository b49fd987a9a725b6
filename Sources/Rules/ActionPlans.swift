import Domain

/// One reason a unit must hand in an åtgärdsplan: the rule that fired and what it fired on.
package struct ActionPlanReason: Sendable, Hashable {
    package let rule: ActionRule
    /// The indicator that fired, for indicator rules.
    package let indicator: IndicatorDefinition?
    /// The value that fired: the indicator's published value, or the (forecast) operating margin in percent
    /// as printed.
    package let value: Rational?
    /// The limit or requirement it was held against, exactly as the config writes it.
    package let limit: Rational?

    package static func == (lhs: ActionPlanReason, rhs: ActionPlanReason) -> Bool {
        lhs.rule == rhs.rule && lhs.indicator?.id == rhs.indicator?.id && lhs.value == rhs.value
            && lhs.limit == rhs.limit
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(indicator?.id)
    }
}

/// A unit that must hand in an åtgärdsplan, with every reason.
package struct ActionPlan: Sendable, Hashable {
    package let enhet: Enhet
    package let reasons: [ActionPlanReason]
}

/// A unit due for its fördjupad uppföljning in the period's year.
package struct InDepthReview: Sendable, Hashable {
    package let enhet: Enhet
    /// The latest review on record; `nil` = none.
    package let last: Day?
    /// The year the next review is due.
    package let dueYear: Int
}

/// Applies the config's åtgärdsplan rules and the in-depth review interval to an evaluation.
struct FollowUpLists {
    let config: Config

    func actionPlans(omraden: [OmradeEvaluation], economics: EconomicsEvaluation) -> [ActionPlan] {
        var plans: [ActionPlan] = []
        for omrade in omraden {
            for enhet in omrade.enheter {
                var reasons: [ActionPlanReason] = []
                for rule in config.actionRules {
                    reasons += self.reasons(rule, enhet: enhet, omrade: omrade, economics: economics)
                }
                if !reasons.isEmpty { plans.append(ActionPlan(enhet: enhet, reasons: reasons)) }
            }
        }
        return plans
    }

    func reasons(_ rule: ActionRule, enhet: Enhet, omrade: OmradeEvaluation, economics: EconomicsEvaluation)
        -> [ActionPlanReason]
    {
        func value(of indicator: IndicatorEvaluation) -> IndicatorValue? {
            indicator.value(of: enhet.id)
        }
        switch rule.condition {
        case .red(let indicatorID, let family):
            return omrade.indicators.compactMap { indicator in
                let definition = indicator.definition
                if let indicatorID, definition.id != indicatorID { return nil }
                if let family, definition.family != family { return nil }
                guard let current = value(of: indicator), current.status?.level == .red else { return nil }
                return ActionPlanReason(
                    rule: rule, indicator: definition, value: current.value,
                    limit: definition.target.flatMap(Rational.init(printed:)))
            }
        case .resultatkravMissed:
            guard let unit = economics.unit(enhet.id), unit.meetsResultatkrav == false else { return [] }
            return [ActionPlanReason(rule: rule, indicator: nil, value: unit.judgedMargin, limit: unit.resultatkrav)]
        case .above(let indicatorID, let limit), .below(let indicatorID, let limit):
            guard let indicator = omrade.indicators.first(where: { $0.definition.id == indicatorID }),
                let number = value(of: indicator)?.value
            else { return [] }
            // The published value against the limit as written in the config, exactly.
            guard let exactLimit = Rational(printed: limit) else { return [] }
            let fired: Bool
            if case .above = rule.condition { fired = number > exactLimit } else { fired = number < exactLimit }
            return fired
                ? [
                    ActionPlanReason(
                        rule: rule, indicator: indicator.definition, value: number, limit: exactLimit)
                ] : []
        }
    }

    /// Units open in `year` whose latest review is `intervalYears` or more years back (or, when the register
    /// records reviews at all, none on record).
    func inDepthDue(year: Int) -> [InDepthReview] {
        guard config.enheter.contains(where: { $0.lastInDepthReview != nil }) else { return [] }
        let interval = config.inDepth.intervalYears
        let months = Period.year(year).months
        return config.enheter.filter { $0.isValid(inAnyOf: months) }.compactMap { enhet in
            guard let last = enhet.lastInDepthReview else {
                return InDepthReview(enhet: enhet, last: nil, dueYear: year)
            }
            let due = last.year + interval
            return due <= year ? InDepthReview(enhet: enhet, last: last, dueYear: due) : nil
        }
    }
}
