import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// The jobs table for admins: a page and the API.
struct JobsController: RouteCollection {
    static let shown = 100

    struct JobDTO: Content {
        var id: String
        var kind: String
        var status: String
        var runAt: Date
        var attempts: Int
        var maxAttempts: Int
        var occurrence: String?
        var result: String?
        var lastError: String?
        var finishedAt: Date?

        init(_ job: JobRecord) {
            id = job.id.uuidString
            kind = job.kind
            status = job.status.rawValue
            runAt = job.runAt
            attempts = job.attempts
            maxAttempts = job.maxAttempts
            occurrence = job.occurrence
            result = job.result
            lastError = job.lastError
            finishedAt = job.finishedAt
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.jobs.components, use: page)
        routes.get(SiteURL.apiJobs.components, use: list)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try req.authorize(.configureSystem)
        let jobs = try await JobQueue.recent(limit: Self.shown, on: req.db)
        return Page.render(JobsPage(jobs: jobs).body(req.view), title: req.t(.jobsTitle), request: req)
    }

    @Sendable func list(req: Request) async throws -> ListDTO<JobDTO> {
        try req.authorize(.configureSystem)
        let jobs = try await JobQueue.recent(limit: Self.shown, on: req.db)
        return ListDTO(items: jobs.map(JobDTO.init), total: jobs.count)
    }
}
