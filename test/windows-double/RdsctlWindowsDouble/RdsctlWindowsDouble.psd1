@{
    RootModule = 'RdsctlWindowsDouble.psm1'
    ModuleVersion = '1.0.0'
    GUID = '5f0b7b8e-3c51-4c0e-9a55-2f6d7c1b9e41'
    Description = 'Test double of the Windows-only commands the rdsctl host scripts use: serves a host from a JSON fixture and journals every change.'
    PowerShellVersion = '7.0'
    FunctionsToExport = @(
        'Get-CimInstance', 'Invoke-CimMethod', 'Set-CimInstance',
        'Get-Service', 'Start-Service', 'Stop-Service', 'Restart-Service', 'Set-Service',
        'Get-NetFirewallRule', 'Get-NetFirewallProfile', 'Get-NetFirewallSetting', 'Enable-NetFirewallRule', 'Disable-NetFirewallRule',
        'Get-GPO', 'New-GPO', 'Get-GPPermission', 'Get-GPInheritance', 'Get-GPOReport', 'Get-GPRegistryValue', 'Set-GPRegistryValue', 'Remove-GPRegistryValue', 'New-GPLink', 'Set-GPLink',
        'Get-WinEvent', 'Resolve-DnsName', 'Test-NetConnection',
        'Open-DoubleDirectoryEntry', 'Find-DoubleDirectoryComputer'
    )
    CmdletsToExport = @()
    VariablesToExport = @()
    AliasesToExport = @('Open-RdsDirectoryEntry', 'Find-RdsDirectoryComputer')
}
