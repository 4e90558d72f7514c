import FluentKit
import Foundation
import ZoneOpsDomain
import ZoneOpsStore
import ZoneOpsWire

/// Rules for syslog messages and SNMP traps, checked when saved (a pattern that does not
/// compile, an unknown severity, a bad OID are refused), applied in order: the first that
/// matches decides the check and severity. Without a matching rule a syslog message is kept as
/// `info` (it opens nothing); traps have built-in linkDown/linkUp.
public enum EventRules {
    public enum Kind: String, Sendable, CaseIterable { case syslog, trap }

    public struct Rule: Sendable {
        public var id: String
        public var kind: Kind
        public var name: String
        public var pattern: String
        public var check: String
        public var severity: EventSeverity
        let regex: NSRegularExpression?
        let oid: OID?

        func matches(message: String) -> Bool {
            guard let regex else { return false }
            return regex.firstMatch(in: message, range: NSRange(message.startIndex..., in: message)) != nil
        }
    }

    public static let maxRules = 500

    static func compile(_ model: EventRuleModel) -> Rule? {
        guard let kind = Kind(rawValue: model.kind), let severity = EventSeverity(rawValue: model.severity) else { return nil }
        let regex = kind == .syslog ? try? NSRegularExpression(pattern: model.pattern, options: [.caseInsensitive]) : nil
        let oid = kind == .trap ? OID(model.pattern) : nil
        guard regex != nil || oid != nil else { return nil }
        return Rule(id: model.id?.uuidString ?? "", kind: kind, name: model.name, pattern: model.pattern, check: model.check,
                    severity: severity, regex: regex, oid: oid)
    }

    public static func all(on db: any Database) async throws -> [Rule] {
        try await EventRuleModel.query(on: db).sort(\.$position).sort(\.$createdAt).all().compactMap(compile)
    }

    public static func create(kind: String, name: String, pattern: String, check: String, severity: String, by actor: Actor,
                              in ctx: ServiceContext) async throws -> Rule {
        var problems: [FieldProblem] = []
        let name = name.trimmingCharacters(in: .whitespaces), pattern = pattern.trimmingCharacters(in: .whitespaces)
        let check = check.trimmingCharacters(in: .whitespaces)
        guard let kind = Kind(rawValue: kind) else { throw AppError.invalid(field: "kind", .monRuleKind) }
        if name.isEmpty || name.count > 60 { problems.append(.init(field: "name", text: name.isEmpty ? .monRequired : .monTooLong)) }
        if check.isEmpty || check.count > IncomingEvent.limits.check { problems.append(.init(field: "check", text: check.isEmpty ? .monRequired : .monTooLong)) }
        if EventSeverity(rawValue: severity) == nil { problems.append(.init(field: "severity", text: .monSeverityUnknown)) }
        if pattern.isEmpty || pattern.count > 200 {
            problems.append(.init(field: "pattern", text: pattern.isEmpty ? .monRequired : .monTooLong))
        } else if kind == .syslog, (try? NSRegularExpression(pattern: pattern)) == nil {
            problems.append(.init(field: "pattern", text: .monRulePattern))
        } else if kind == .trap, OID(pattern) == nil {
            problems.append(.init(field: "pattern", text: .monProbeOID))
        }
        if !problems.isEmpty { throw AppError.invalidFields(problems) }
        let now = ctx.now()
        return try await ctx.audited(actor, action: AuditAction.ruleUpdate.rawValue, objectType: "monitor_rule") { tx in
            let count = try await EventRuleModel.query(on: tx).count()
            guard count < maxRules else { throw AppError.outOfRange(field: "rules", lower: 0, upper: maxRules) }
            let model = EventRuleModel()
            model.kind = kind.rawValue
            model.name = name
            model.pattern = pattern
            model.check = check
            model.severity = severity
            model.position = count
            model.createdByName = actor.name
            model.createdAt = now
            try await model.create(on: tx)
            guard let rule = compile(model) else { throw AppError.invalid(field: "pattern", .monRulePattern) }
            return (rule, rule.id, nil, AuditDraft.snapshot(["kind": kind.rawValue, "name": name, "pattern": pattern, "check": check, "severity": severity]))
        }
    }

    public static func delete(_ id: UUID, by actor: Actor, in ctx: ServiceContext) async throws {
        try await ctx.audited(actor, action: AuditAction.ruleUpdate.rawValue, objectType: "monitor_rule") { tx in
            guard let model = try await EventRuleModel.find(id, on: tx) else { throw AppError.notFound }
            let before = AuditDraft.snapshot(["kind": model.kind, "name": model.name, "pattern": model.pattern])
            try await model.delete(on: tx)
            return ((), id.uuidString, before, nil)
        }
    }

    // MARK: Turning messages into events

    /// A syslog message as an event: the first matching rule's check and severity, else `info`.
    public static func event(from message: SyslogMessage, sender: String, rules: [Rule], receivedAt: Date) -> IncomingEvent? {
        let host = message.hostname ?? sender
        let rule = rules.first { $0.kind == .syslog && $0.matches(message: message.message) }
        let check = rule?.check ?? "syslog." + (message.appName ?? "message")
        let severity = rule?.severity ?? .info
        var labels = ["sender": sender, "facility": String(message.facility), "level": String(message.severity)]
        if let app = message.appName { labels["app"] = String(app.prefix(60)) }
        if let rule { labels["rule"] = String(rule.name.prefix(60)) }
        let occurred = message.timestamp.map { abs($0.timeIntervalSince(receivedAt)) < 86_400 ? $0 : receivedAt } ?? receivedAt
        return try? IncomingEvent.make(source: "syslog", ciRef: nil, host: host, check: check, severity: severity.rawValue,
                                       summary: String(message.message.prefix(IncomingEvent.limits.summary)), fingerprint: nil,
                                       labels: labels, occurredAt: occurred)
    }

    /// A v2c trap as events: linkDown / linkUp on the interface of its ifIndex, else the first
    /// rule whose OID is the trap's or a prefix of it; an unknown trap is kept as `info`.
    public static func events(from trap: SNMPMessage, sender: String, rules: [Rule], receivedAt: Date) -> [IncomingEvent] {
        guard let trapOID = trap.trapOID else { return [] }
        let ifIndex = trap.varBinds.first { $0.oid.isWithin(OID("1.3.6.1.2.1.2.2.1.1")!) }?.value.number.map { String(Int($0)) }
        let ifName = trap.varBinds.first { $0.oid.isWithin(OID("1.3.6.1.2.1.2.2.1.2")!) || $0.oid.isWithin(OID("1.3.6.1.2.1.31.1.1.1.1")!) }?.value.text
        var check: String
        var severity: EventSeverity
        var summary: String
        if trapOID == .linkDown || trapOID == .linkUp {
            check = "link." + (ifIndex ?? "?")
            severity = trapOID == .linkDown ? .major : .ok
            summary = (trapOID == .linkDown ? "接口 down：" : "接口恢复：") + (ifName ?? "ifIndex \(ifIndex ?? "?")")
        } else if let rule = rules.first(where: { $0.kind == .trap && $0.oid.map { trapOID == $0 || trapOID.isWithin($0) } ?? false }) {
            check = rule.check
            severity = rule.severity
            summary = rule.name + "（" + trapOID.description + "）"
        } else {
            check = "trap." + trapOID.description
            severity = .info
            summary = "SNMP trap " + trapOID.description
        }
        let details = trap.varBinds.filter { $0.oid != .snmpTrapOID && $0.oid != .sysUpTime }.prefix(5)
            .map { $0.oid.description + "=" + String($0.value.text.prefix(60)) }
        if !details.isEmpty { summary += " · " + details.joined(separator: "; ") }
        guard let event = try? IncomingEvent.make(source: "snmptrap", ciRef: nil, host: sender, check: String(check.prefix(120)),
                                                  severity: severity.rawValue, summary: summary, fingerprint: nil,
                                                  labels: ["trap": trapOID.description], occurredAt: receivedAt) else { return [] }
        return [event]
    }
}
