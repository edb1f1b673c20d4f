# RDS Endpoint Servers membership on a licence server (windows-reference.md section 2.7): with the
# "License server security group" policy on, it issues CALs only to the session hosts in that local
# group. No documented method lists the group, so rdsctl names the session hosts that list this
# server (request data, never script text) and asks about each one.

function Read-RdsEndpointServers {
    param($Request)
    $members = @()
    foreach ($candidate in @($Request.candidates | Where-Object { $_ })) {
        if (Test-RdsEndpointServerMember -Name ([string]$candidate)) { $members += [string]$candidate }
    }
    [ordered]@{ kind = 'read-endpoints'; endpointServers = $members }
}

function Invoke-RdsEndpointRead {
    param($Request)
    try { Read-RdsEndpointServers $Request }
    catch { [ordered]@{ kind = 'read-endpoints'; error = (ConvertTo-RdsFailure $_ 'read-endpoint-servers') } }
}
