@{
    RootModule = 'RemoteDesktop.psm1'
    ModuleVersion = '2.0.0'
    GUID = '8a2f4c1e-6b7d-4e3a-9c5f-1d2e3f4a5b6c'
    Description = 'Test double of the RemoteDesktop module on an RD Connection Broker: serves the fixture''s connectionBroker and journals every change.'
    PowerShellVersion = '7.0'
    FunctionsToExport = @('Get-RDLicenseConfiguration', 'Set-RDLicenseConfiguration', 'Get-RDServer')
    CmdletsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @()
}
