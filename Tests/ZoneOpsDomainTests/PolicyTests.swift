import Foundation
import XCTest
@testable import ZoneOpsDomain

final class PolicyTests: XCTestCase {
    /// docs/authorization.md and `Policy.matrix` must agree in every cell.
    func testDocumentedMatrixMatchesPolicyCellByCell() throws {
        let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../docs/authorization.md").standardizedFileURL
        let lines = try String(contentsOf: doc, encoding: .utf8).split(separator: "\n")
        let header = try XCTUnwrap(lines.first { $0.hasPrefix("| action |") })
        let roles = header.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.dropFirst().dropLast()
            .compactMap(Role.init(rawValue:))
        XCTAssertEqual(Set(roles), Set(Role.allCases), "the table has a column for every role")
        var seen = Set<Action>()
        for line in lines where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let action = try XCTUnwrap(Action(rawValue: cells[0].trimmingCharacters(in: ["`"])), "unknown action \(cells[0])")
            seen.insert(action)
            for (index, role) in roles.enumerated() {
                let documented = cells[index + 1] == "✓"
                XCTAssertEqual(Policy.allows(role, action), documented, "\(action.rawValue) × \(role.rawValue)")
            }
        }
        XCTAssertEqual(seen, Set(Action.allCases), "every action is documented")
    }

    func testEnterpriseSeesOnlyItsOwnOrganization() {
        let user = Subject(userId: "u1", role: .enterprise, organizationId: "org-a")
        XCTAssertEqual(Policy.decide(user, .readIncidents, on: ObjectFacts(organizationId: "org-a")), .allow)
        XCTAssertEqual(Policy.decide(user, .readIncidents, on: ObjectFacts(organizationId: "org-b")), .deny(.denyOtherOrganization))
    }

    func testOtherRolesAreNotBoundToTheirOrganization() {
        let engineer = Subject(userId: "u2", role: .engineer, organizationId: "provider")
        XCTAssertEqual(Policy.decide(engineer, .readIncidents, on: ObjectFacts(organizationId: "org-b")), .allow)
    }

    func testNobodyApprovesTheirOwnChange() {
        let lead = Subject(userId: "lead", role: .lead, organizationId: nil)
        XCTAssertEqual(Policy.decide(lead, .approveChange, on: ObjectFacts(createdBy: "lead")), .deny(.denyOwnChange))
        XCTAssertEqual(Policy.decide(lead, .approveChange, on: ObjectFacts(createdBy: "engineer")), .allow)
        let engineer = Subject(userId: "engineer", role: .engineer, organizationId: nil)
        XCTAssertEqual(Policy.decide(engineer, .approveChange, on: ObjectFacts(createdBy: "lead")), .deny(.denyRole))
        // The zone administration's supervisor approves others' changes, never one they raised.
        let supervisor = Subject(userId: "sup", role: .supervisor, organizationId: "admin-org")
        XCTAssertEqual(Policy.decide(supervisor, .approveChange, on: ObjectFacts(createdBy: "engineer")), .allow)
        XCTAssertEqual(Policy.decide(supervisor, .approveChange, on: ObjectFacts(createdBy: "sup")), .deny(.denyOwnChange))
        // Raising is the O&M staff's; the own-change rule does not stop raising or reading.
        XCTAssertEqual(Policy.decide(lead, .raiseChange, on: ObjectFacts(createdBy: "lead")), .allow)
        XCTAssertEqual(Policy.decide(supervisor, .raiseChange), .deny(.denyRole))
        let enterprise = Subject(userId: "e", role: .enterprise, organizationId: "org-a")
        XCTAssertEqual(Policy.decide(enterprise, .readChanges), .deny(.denyRole))
        XCTAssertEqual(Policy.decide(supervisor, .declareBlackout), .allow)
        XCTAssertEqual(Policy.decide(lead, .declareBlackout), .deny(.denyRole))
    }

    func testAdminCannotManageOwnAccount() {
        let admin = Subject(userId: "a", role: .admin, organizationId: nil)
        XCTAssertEqual(Policy.decide(admin, .manageUsers, on: ObjectFacts(userId: "a")), .deny(.denySelfManagement))
        XCTAssertEqual(Policy.decide(admin, .manageUsers, on: ObjectFacts(userId: "b")), .allow)
    }

    func testOnlyTheSupervisorScores() {
        XCTAssertEqual(Role.allCases.filter { Policy.allows($0, .scoreAssessment) }, [.supervisor])
    }

    func testRolesBelongToFittingOrganizations() {
        XCTAssertTrue(OrganizationKind.enterprise.admits(.enterprise))
        XCTAssertFalse(OrganizationKind.provider.admits(.enterprise))
        XCTAssertFalse(OrganizationKind.enterprise.admits(.engineer))
        XCTAssertTrue(OrganizationKind.administration.admits(.supervisor))
        XCTAssertFalse(OrganizationKind.customs.admits(.supervisor))
    }
}

extension PolicyTests {
    func testTheRequesterIsWhoRaisedTheTicketOrTheirEnterprise() {
        let ticket = ObjectFacts(organizationId: "org-a", createdBy: "u1")
        XCTAssertTrue(Policy.isRequester(Subject(userId: "u1", role: .duty, organizationId: nil), of: ticket))
        XCTAssertTrue(Policy.isRequester(Subject(userId: "u2", role: .enterprise, organizationId: "org-a"), of: ticket))
        XCTAssertFalse(Policy.isRequester(Subject(userId: "u3", role: .enterprise, organizationId: "org-b"), of: ticket))
        XCTAssertFalse(Policy.isRequester(Subject(userId: "u4", role: .customs, organizationId: "org-a"), of: ticket),
                       "only an enterprise speaks for its organization's tickets")
        XCTAssertFalse(Policy.isRequester(Subject(userId: "u5", role: .enterprise, organizationId: nil),
                                          of: ObjectFacts(organizationId: nil, createdBy: "u1")))
    }
}
