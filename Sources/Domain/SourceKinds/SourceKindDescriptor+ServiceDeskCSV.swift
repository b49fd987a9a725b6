extension SourceKindDescriptor {
    /// `service-desk-csv`: the service desk's tickets (TOPdesk, ServiceNow, Jira Service Management …), read by
    /// Ingest's `ServiceDeskCSVReader`. Only the columns below are read: the ticket number only to tell tickets
    /// apart (never stored), free text, callers and resolvers never.
    package static let serviceDeskCSV: SourceKindDescriptor = {
        var kind = SourceKindDescriptor(kind: .serviceDeskCSV, label: "ärendesystem (CSV)")
        kind.columns = { _ in
            Columns(
                required: ["number", "opened"],
                optional: ["service", "customer", "priority", "resolved", "closed", "target", "made_sla", "updated"])
        }
        kind.defaultMeasurePrefix = serviceDeskPrefix
        kind.deliversServices = true
        kind.mayBeEventLog = true
        kind.producedMeasures = serviceDeskMeasures
        return kind
    }()

    /// The default prefix of a service desk's measures.
    static let serviceDeskPrefix = "servicedesk"

    /// The measures of a service-desk source, per priority (the category), service and customer; the default
    /// prefix is `servicedesk`.
    @Sendable static func serviceDeskMeasures(_ source: SourceDefinition) -> [Measure] {
        let p = source.measurePrefix
        return [
            Measure(
                id: p + "_inkomna", name: "Inkomna ärenden", unit: "antal", aggregation: .sum,
                description: "Ärenden öppnade under månaden, per prioritet (kategori)"),
            Measure(
                id: p + "_losta", name: "Lösta ärenden", unit: "antal", aggregation: .sum,
                description: "Ärenden lösta (eller stängda utan lösningstid) under månaden, per prioritet"),
            Measure(
                id: p + "_sla_bedomda", name: "Lösta ärenden med SLA-mål", unit: "antal", aggregation: .sum,
                description: "Lösta ärenden som bedöms mot ett SLA: med exportens SLA-flagga eller måltid, "
                    + "eller med ett mål i servicekatalogen för prioriteten"),
            Measure(
                id: p + "_inom_sla", name: "Lösta inom SLA", unit: "antal", aggregation: .sum,
                description: "Bedömda ärenden som löstes inom sitt SLA"),
            Measure(
                id: p + "_losningstid_minuter", name: "Lösningstid", unit: "arbetsminuter", aggregation: .median,
                description:
                    "Arbetsminuter från öppnat till löst, i servicekatalogens arbetstid; perioden visar medianen"),
            Measure(
                id: p + "_oppna", name: "Öppna ärenden vid månadens slut", unit: "antal", aggregation: .last,
                description: "Ärenden öppnade men inte lösta vid månadens slut, per prioritet"),
        ]
    }
}
