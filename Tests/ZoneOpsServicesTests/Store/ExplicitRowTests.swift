import FluentKit
import XCTest
import ZoneOpsStore

/// The explicit column lists of the hot-path models name every Fluent field, once.
final class ExplicitRowTests: XCTestCase {
    func columns<M: ExplicitRow>(_ model: M) -> [String] { model.row.map(\.column) }

    func check<M: ExplicitRow>(_ model: M, file: StaticString = #filePath, line: UInt = #line) {
        let listed = columns(model)
        XCTAssertEqual(Set(listed).count, listed.count, "a column listed twice", file: file, line: line)
        XCTAssertEqual(Set(listed), Set(M.keys.map(\.description)), "\(M.schema): the list and the model's fields differ", file: file, line: line)
    }

    func testEveryFieldIsListed() {
        let incident = IncidentModel()
        incident.number = "n"; incident.title = "t"; incident.description = "d"; incident.kind = "fault"; incident.channel = "api"
        incident.status = "new"; incident.impact = 1; incident.urgency = 1; incident.priority = 1; incident.requesterName = "r"
        incident.isMajor = false; incident.slaCalendar = "7x24"; incident.slaClocks = "{}"; incident.responseBreached = false
        incident.resolveBreached = false; incident.reassignCount = 0; incident.urgeCount = 0; incident.createdAt = Date()
        incident.updatedAt = Date()
        check(incident)
        check(IncidentEntryModel(incidentId: UUID(), kind: "note", isPublic: true, body: "b", actorId: nil, actorName: "a", at: Date()))
        let audit = AuditEntryModel()
        audit.sequence = 1; audit.at = Date(); audit.actorName = "a"; audit.action = "x"; audit.objectType = "o"
        audit.previousHash = "p"; audit.hash = "h"; audit.format = 1
        check(audit)
        let ci = CIModel()
        ci.typeKey = "switch"; ci.name = "n"; ci.criticality = 3; ci.customsCritical = false; ci.status = "in_use"; ci.state = "up"
        ci.attributesJSON = "{}"; ci.searchText = "n"
        check(ci)
        check(CIStatusChangeModel(ciId: UUID(), from: nil, to: "in_use", at: Date(), actorName: "a", note: nil))
        let alert = AlertModel()
        alert.fingerprint = "f"; alert.source = "s"; alert.check = "c"; alert.severity = "major"; alert.summary = "s"
        alert.labelsJSON = "{}"; alert.status = "firing"; alert.count = 1; alert.firstSeen = Date(); alert.lastSeen = Date()
        alert.inMaintenance = false; alert.ownIncident = false; alert.flapping = false; alert.changes = "[]"
        check(alert)
    }
}
