namespace ChangeThisFile.Emulator.Faults;

/// <summary>The fault injected into one <c>/v1</c> request.</summary>
internal enum RequestFault
{
    None,
    ServerError,
    DropConnection,
    DropResponse,
}

/// <summary>The fault injected into one job webhook.</summary>
internal enum WebhookFault
{
    None,
    Drop,
    Duplicate,
}

/// <summary>Running counts of injected faults, guarded by the owner's lock.</summary>
internal sealed class FaultCounts
{
    public int ServerErrors { get; set; }

    public int ConnectionsDropped { get; set; }

    public int ResponsesDropped { get; set; }

    public int WebhooksDropped { get; set; }

    public int WebhooksDuplicated { get; set; }

    public int JobsStalled { get; set; }

    public void Count(RequestFault fault)
    {
        switch (fault)
        {
            case RequestFault.ServerError: ServerErrors++; break;
            case RequestFault.DropConnection: ConnectionsDropped++; break;
            case RequestFault.DropResponse: ResponsesDropped++; break;
            default: break;
        }
    }

    public void Count(WebhookFault fault)
    {
        switch (fault)
        {
            case WebhookFault.Drop: WebhooksDropped++; break;
            case WebhookFault.Duplicate: WebhooksDuplicated++; break;
            default: break;
        }
    }

    public EmulatorFaultCounts Snapshot() => new(
        ServerErrors, ConnectionsDropped, ResponsesDropped, WebhooksDropped, WebhooksDuplicated, JobsStalled);
}
