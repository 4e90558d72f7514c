import ZoneOpsDomain

/// The areas of the navigation that later work fills in; each says what it will hold.
enum Area: String, CaseIterable, Sendable {
    case serviceDesk = "service-desk", incidents, problems, changes, releases, cmdb, monitoring
    case duty, inspections, reports, assessment

    /// Areas that have their own pages now; the rest show what they will hold.
    var isBuilt: Bool { [.cmdb, .incidents, .serviceDesk, .changes, .problems, .releases, .monitoring, .duty].contains(self) }

    var label: TextKey {
        switch self {
        case .serviceDesk: .navServiceDesk
        case .incidents: .navIncidents
        case .problems: .navProblems
        case .changes: .navChanges
        case .releases: .navReleases
        case .cmdb: .navCMDB
        case .monitoring: .navMonitoring
        case .duty: .navDuty
        case .inspections: .navInspections
        case .reports: .navReports
        case .assessment: .navAssessment
        }
    }

    var summary: TextKey {
        switch self {
        case .serviceDesk: .areaServiceDesk
        case .incidents: .areaIncidents
        case .problems: .areaProblems
        case .changes: .areaChanges
        case .releases: .areaReleases
        case .cmdb: .areaCMDB
        case .monitoring: .areaMonitoring
        case .duty: .areaDuty
        case .inspections: .areaInspections
        case .reports: .areaReports
        case .assessment: .areaAssessment
        }
    }

    /// The action a role needs to see the area in the navigation.
    var requiredAction: Action {
        switch self {
        case .serviceDesk, .incidents: .reportIncident
        case .problems: .readProblems
        case .changes: .readChanges
        case .releases: .readChanges
        case .cmdb: .readCMDB
        case .monitoring: .readMonitoring
        case .duty: .readDuty
        case .inspections: .readCMDB
        case .reports: .readReports
        case .assessment: .readReports
        }
    }
}
