import FluentKit

/// Every migration, in the one order they run. Append only; never edit a shipped one.
public enum ZoneOpsMigrations {
    public static let all: [any Migration] = [
        CreateOrganizations(),
        CreateUsers(),
        CreateAPITokens(),
        CreateAuditEntries(),
        CreateSessions(),
        CreateCITypes(),
        SeedBuiltInCITypes(),
        CreateLocations(),
        CreateCIs(),
        CreateCIRelations(),
        CreateCIStatusChanges(),
        CreateSpareParts(),
        UpdateCIsAddCredential(),
        UpdateSessionsHashKeys(),
        UpdateAuditEntriesAddFormat(),
        CreateJobs(),
        CreateSettings(),
        UpdateUsersAddMobile(),
        UpdateSessionsAddUser(),
        CreateCalendarDays(),
        SeedCalendar2026(),
        CreateSLATargets(),
        CreateIncidentCategories(),
        CreateSupportGroups(),
        CreateIncidents(),
        CreateIncidentEntries(),
        CreateHotlineCalls(),
        CreateRepairSlips(),
        CreateIncidentSearch(),
        CreateMajorIncidentReports(),
        CreateChanges(),
        CreateProblems(),
    ]
}
