extension Catalog {
    static let system: [TextKey: Entry] = .table([
        .navJobs: ("后台任务", "Background jobs"),
        .jobsTitle: ("后台任务", "Background jobs"),
        .jobsHint: ("定时与延后执行的工作：每晚校验审计链、每小时清理未确认的导入文件等。失败的任务按 30 秒、1 分钟、2 分钟……（最长 1 小时）的间隔重试，用完次数后标为失败。多台服务器共用一个 PostgreSQL 时，每个任务只由一台执行。",
                    "Work that runs later or on a timer: the nightly audit-chain check, the hourly cleanup of unconfirmed imports and more. A failed job is retried after 30 s, 1 min, 2 min, … (at most 1 h) and marked failed when out of attempts. With several servers on one PostgreSQL each job runs on one of them only."),
        .jobKind: ("任务", "Job"),
        .jobStatus: ("状态", "Status"),
        .jobRunAt: ("计划时间", "Due"),
        .jobAttempts: ("尝试次数", "Attempts"),
        .jobOutcome: ("结果或错误", "Result or error"),
        .jobsNone: ("还没有后台任务。", "No background jobs yet."),
        .jobQueued: ("排队中", "Queued"),
        .jobRunning: ("运行中", "Running"),
        .jobSucceeded: ("成功", "Succeeded"),
        .jobFailed: ("失败", "Failed"),
        .jobAuditVerify: ("审计链每晚校验", "Nightly audit-chain check"),
        .jobImportsClean: ("清理未确认的导入文件", "Clean up unconfirmed imports"),
        .jobPrune: ("清理 30 天前的任务记录", "Remove job records older than 30 days"),
    ])
}
