/// The measures of staffing the HR kinds (PAXml, HR CSV) produce, which a volume source may map too.
package enum StaffMeasures {
    /// Hours per time type, persons and årsarbetare.
    package static let all: [Measure] = {
        let hours: [(String, String)] = [
            ("arbetade_timmar", "Arbetade timmar"), ("sjuktimmar", "Sjuktimmar"),
            ("overtidstimmar", "Övertidstimmar"),
            ("semestertimmar", "Semestertimmar"), ("vabtimmar", "Timmar vård av barn"),
            ("schematimmar", "Schemalagda timmar"),
        ]
        return hours.map { Measure(id: $0.0, name: $0.1, unit: "timmar", aggregation: .sum) } + [
            Measure(
                id: "personal_antal", name: "Anställda", unit: "antal", aggregation: .mean,
                description: "Personer med tid eller schema under månaden"),
            Measure(
                id: "arsarbetare", name: "Årsarbetare", unit: "årsarbetare", aggregation: .mean,
                description: "Summan av sysselsättningsgrader"),
        ]
    }()
}
